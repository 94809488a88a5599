"""The diplomatic corps in a capital and its printed list."""
