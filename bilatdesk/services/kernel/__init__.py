"""What every area's use cases share: errors, validation, listing, files, settings, documents."""
