"""Staff accounts: the roles (groups) that decide who may edit, publish, see and restore."""
