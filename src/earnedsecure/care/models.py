"""Therapist grants, the tamper-evident access log and homework (to come)."""
