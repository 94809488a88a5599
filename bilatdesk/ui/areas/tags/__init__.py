"""The shared tag vocabulary: its dialog, the picker and the list filter."""
