"""KTMU student status: leave, academic leave, dismissal, plagiarism."""
