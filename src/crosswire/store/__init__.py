"""Storage: SQLite by default, any SQLAlchemy URL (PostgreSQL) behind one interface."""
