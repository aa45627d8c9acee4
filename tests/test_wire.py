"""The wire format: plain data crosses, anything else is refused or kept behind a handle."""
import numpy as np
import pytest

from grader.sandbox import wire


def roundtrip(value, **kw):
    return wire.decode(wire.encode(value, **kw), handle=lambda i, t: wire.Handle(i, t))


def test_numbers_arrays_and_containers_cross_unchanged():
    value = {"a": (1, 2.5, None, True, "text"), "b": [np.arange(6.0).reshape(2, 3), np.int64(7)],
             "c": {"nan": float("nan"), "inf": float("-inf")}, "d": np.array([True, False])}
    got = roundtrip(value)
    assert got["a"] == (1, 2.5, None, True, "text")
    np.testing.assert_array_equal(got["b"][0], value["b"][0])
    assert got["b"][0].dtype == np.float64 and got["b"][1] == 7
    assert np.isnan(got["c"]["nan"]) and got["c"]["inf"] == float("-inf")
    assert got["d"].dtype == bool
    assert roundtrip(np.float64(2.5)) == 2.5 and roundtrip(np.array(2.5)).shape == ()
    assert roundtrip(np.arange(6.0).reshape(2, 3).T).tolist() == [[0, 3], [1, 4], [2, 5]]


def test_array_subclass_arrives_as_a_plain_array():
    class Sneaky(np.ndarray):
        def __eq__(self, other):
            return True

    got = roundtrip(np.arange(3.0).view(Sneaky))
    assert type(got) is np.ndarray and not np.array_equal(got, [9, 9, 9])


def test_objects_are_refused_without_a_keeper_and_kept_with_one():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

    with pytest.raises(wire.WireError, match="AlwaysEqual"):
        wire.encode(AlwaysEqual())
    kept = []
    got = roundtrip([AlwaysEqual()], keep=lambda obj: kept.append(obj) or wire.Handle(len(kept), "AlwaysEqual"))
    assert isinstance(got[0], wire.Handle) and got[0].type_name == "AlwaysEqual"
    assert got[0] != 0  # the handle is not the object: its __eq__ never ran here


def test_object_arrays_and_marker_keys_never_cross_as_data():
    with pytest.raises(wire.WireError):
        wire.encode(np.array([object()], dtype=object))
    got = roundtrip({"__nd__": 0}, keep=lambda obj: wire.Handle(1, type(obj).__name__))
    assert isinstance(got, wire.Handle)


def test_frames_over_the_size_limit_are_refused():
    with pytest.raises(wire.WireError, match="MB"):
        wire.encode(np.zeros(1000), max_bytes=4000)


@pytest.mark.parametrize("frame", [b"", b"\x00\x00\x00\x05\x00\x00\x00\x00{bad}", b"\x00\x00\x00\x02\x00\x00\x00\x00{}junk"])
def test_malformed_frames_are_refused(frame):
    with pytest.raises(wire.WireError):
        wire.decode(frame)


def test_a_buffer_that_disagrees_with_its_shape_is_refused():
    frame = bytearray(wire.encode(np.zeros(4)))
    frame = frame.replace(b'"shape":[4]', b'"shape":[5]')
    with pytest.raises(wire.WireError, match="shape"):
        wire.decode(bytes(frame))


def test_numpy_functions_cross_by_name_only():
    got = roundtrip(wire.NumpyFunction("linalg.norm"))
    assert got.resolve() is np.linalg.norm
    with pytest.raises(ValueError):
        wire.NumpyFunction("_private")
