"""Nominations are deliberately not in the admin: every change goes through their pages and
`services.py`, which check the rules, lock the batch's seats and leave the audit trail. (The
admin's master data is in `programmes/admin.py`.)"""
