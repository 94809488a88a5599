"""The visit brief: building it in the background, with progress, and its preview."""
