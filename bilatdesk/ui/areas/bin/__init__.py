"""The "Recently deleted" bin: deleted records restored whole or purged."""
