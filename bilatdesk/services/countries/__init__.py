"""Countries of accreditation and the relationship with each."""
