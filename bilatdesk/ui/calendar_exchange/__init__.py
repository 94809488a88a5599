"""Calendar exchange: File ▸ Import/Export ▸ Calendar (ICS)…"""
