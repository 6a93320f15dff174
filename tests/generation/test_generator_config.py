"""The generator ignores unknown config keys silently: a typo would change nothing and
say nothing. Every key of generator-config.yml must be one the generator reads."""

from __future__ import annotations

import yaml
from openapi_python_client.config import ConfigFile

from tests.paths import ROOT


def test_every_config_key_is_known_to_the_generator() -> None:
    config = yaml.safe_load((ROOT / "generator-config.yml").read_text())
    unknown = set(config) - set(ConfigFile.model_fields)
    assert not unknown, f"keys the generator would ignore: {sorted(unknown)}"
    ConfigFile.model_validate(config)


def test_the_config_names_the_package_users_import() -> None:
    config = ConfigFile.load_from_path(ROOT / "generator-config.yml")
    assert config.project_name_override == "twilio-receipts"
    assert config.package_name_override == "twilio_receipts"
