"""Runnable formal models of security-studies theories, their registry and hypothesis links.

The registry (``analyser.models.registry``) names every model; ``analyser.models.base`` holds
what a model is and returns.
"""
