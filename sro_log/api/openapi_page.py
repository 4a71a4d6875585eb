"""The OpenAPI document as plain records for the reference page (no script, no CDN)."""

METHODS = ("get", "post", "patch", "put", "delete")


def type_of(schema: dict) -> str:
    """A JSON schema as a short type, e.g. "integer (1-720)" or 'list of Entry'."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        kinds = [type_of(s) for s in schema["anyOf"] if s.get("type") != "null"]
        nullable = any(s.get("type") == "null" for s in schema["anyOf"])
        return " or ".join(kinds) + (" or null" if nullable else "")
    if "oneOf" in schema:
        return " or ".join(type_of(s) for s in schema["oneOf"])
    if "const" in schema:
        return f'"{schema["const"]}"'
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return "list of " + type_of(schema.get("items", {}))
    limits = []
    if "minimum" in schema or "maximum" in schema:
        limits.append(f"{schema.get('minimum', '')}–{schema.get('maximum', '')}")
    if "maxLength" in schema:
        limits.append(f"up to {schema['maxLength']} characters")
    if "format" in schema:
        limits.append(schema["format"])
    return kind + (f" ({', '.join(limits)})" if limits else "")


def _fields(schema: dict) -> list[dict]:
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "type": type_of(prop),
            "required": name in required,
            "description": prop.get("description") or prop.get("title", ""),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def reference_of(doc: dict) -> dict:
    """Operations (in path order) and models of an OpenAPI document, ready for a template."""
    operations = []
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "id": op.get("operationId", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "type": type_of(p.get("schema", {})),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", ())
                    ],
                    "body": type_of(body["schema"]) if body else None,
                    "responses": [
                        {
                            "code": code,
                            "description": r.get("description", ""),
                            "type": next(
                                (type_of(c["schema"]) for c in r.get("content", {}).values()), ""
                            ),
                        }
                        for code, r in op.get("responses", {}).items()
                    ],
                }
            )
    models = [
        {
            "name": name,
            "description": schema.get("description", ""),
            "fields": _fields(schema),
            "type": None if "properties" in schema else type_of(schema),
        }
        for name, schema in sorted(doc["components"]["schemas"].items())
    ]
    return {"info": doc["info"], "operations": operations, "models": models}
