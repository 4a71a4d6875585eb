"""The supervisor's review: the queue, approve and return, corrections, and all entries."""
