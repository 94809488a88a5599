"""The visit brief: its sections assembled from the database, rendered and kept."""
