"""wallet-explainer: replay real custody thefts under different wallet setups."""

__version__ = "0.1.0"
