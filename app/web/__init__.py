"""The web reader: FastAPI routes over the services, server-rendered templates."""
