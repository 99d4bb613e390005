"""(filled in by the reader work)."""

from fastapi import APIRouter

router = APIRouter()
