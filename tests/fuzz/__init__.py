"""Fuzz tests: every public reader and the command line, on mutated inputs."""
