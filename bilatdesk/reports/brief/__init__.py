"""The visit brief as a PDF: cover, contents, sections, biographies."""
