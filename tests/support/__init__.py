"""Helpers of the contract, fuzz, wire-fault and security tests.

`raw_server` misbehaves on a loopback socket in ways an HTTP server cannot,
`prism` runs the Prism mock server of `openapi.yaml`, `spec` turns the spec's
component schemas into plain JSON Schema, `rfc3339` writes and reads the
timestamps the spec allows, and `clients` runs one call on a sync or async client.
"""
