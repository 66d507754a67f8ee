"""Saturation and information power: whether a study has enough data, and how to tell.

Three views, one module each:

- :func:`discovery`: when each code (or sub-theme, or theme) first appears
  across the interviews, in an order the caller chooses (by default their
  dates): a table and the data of a discovery curve.
- :func:`guest_saturation`: the assessment of Guest, Namey & Chen (2020),
  with its base size, run length and new-information threshold.
- :func:`information_power`: a study's own judgement of its information power
  (Malterud, Siersma & Guassora 2016), five dimensions, never summed.
"""

from peerlandscape import _public
from peerlandscape.saturation._discovery import Discovery, DiscoveryStep, discovery
from peerlandscape.saturation._guest import GuestAssessment, GuestRun, guest_saturation
from peerlandscape.saturation._information_power import (
    InformationPowerReading,
    PowerDimension,
    information_power,
)

__all__ = [
    "Discovery",
    "DiscoveryStep",
    "GuestAssessment",
    "GuestRun",
    "InformationPowerReading",
    "PowerDimension",
    "discovery",
    "guest_saturation",
    "information_power",
]

_public.publish(__name__)
