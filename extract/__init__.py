"""Readers that turn PDF, DOCX and text appendices into one document model."""
