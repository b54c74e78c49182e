"""The security primitives every other part of SIGAP stands on: the client's address
behind any proxies, per-client rate limits, encryption keys and encrypted fields, and the
hash-chained audit log.

It sits below `accounts` and `casework` and imports neither, so both can use it and the
arrows between them run one way (accounts → security, casework → accounts, security).
"""
