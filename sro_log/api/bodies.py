"""The limits of a request body sent to the API, checked before it is parsed: at most 256 KB (an
entry is a few KB) and JSON nested at most 20 deep (an entry is 3 deep; Python's parser recurses
once per level and fails, past about a thousand, with an error no handler should meet)."""

from flask import abort, request

from .problems import problem

MAX_BODY_BYTES = 256 * 1024
MAX_DEPTH = 20
WITH_BODY = ("POST", "PUT", "PATCH")


def depth_of(body: bytes) -> int:
    """How deep arrays and objects nest in a JSON text (strings skipped), without parsing it."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


def check_body() -> None:
    """Refuse a body over the limits with a problem document (413, or 400 for the nesting)."""
    if request.method not in WITH_BODY:
        return
    request.max_content_length = MAX_BODY_BYTES  # reading more ends in a 413
    if depth_of(request.get_data(cache=True)) > MAX_DEPTH:
        abort(problem(400, "Bad Request", f"The JSON is nested more than {MAX_DEPTH} levels deep."))
