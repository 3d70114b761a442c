"""Connections to the services: reads routed to a database replica, Redis calls that give up fast while it is down."""
