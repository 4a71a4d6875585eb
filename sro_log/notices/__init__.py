"""Email that keeps the program moving (issue 22). What is due is worked out from the data
each time (`due.py`), sent through a real SMTP server (`mailer.py`) by `flask send-notifications`
(`sending.py`), and recorded per message (models/notifications.py), so a second run sends
nothing twice and a failure is tried again. No user's request ever waits on the mail server."""
