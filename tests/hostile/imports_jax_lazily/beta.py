import numpy as np


def square(x):
    import jax.numpy as jnp
    return jnp.asarray(x) ** 2
    return np.asarray(x, dtype=float) ** 2
