"""Tests of the emulator (emulator/), each on a real socket."""
