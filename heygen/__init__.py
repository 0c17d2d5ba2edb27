"""HeyGen SDK."""
