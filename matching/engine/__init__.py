"""The pure matching engine: plain Python on frozen dataclasses, no Django import."""
