"""Matching rounds: pair visitors and hosts by a shared challenge (shared/design/MATCHING.md)."""
