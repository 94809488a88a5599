"""Contacts in and out: vCard and CSV imports into people, and exports of people."""
