"""Countries: the form, the relationship statuses and the timeline."""
