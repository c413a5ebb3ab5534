"""Settings from a TOML file, the environment and flags (cofnod/settings.py)."""

from __future__ import annotations

import pytest

from cofnod.errors import ConfigError
from cofnod.settings import load_settings


@pytest.mark.parametrize("toml, problem", [
    ("[index]\nturn_start = -1\n", "index.turn_start: Input should be greater than or equal to 0"),
    ('[index]\nturn_named = "lots"\n', "index.turn_named: Input should be a valid number"),
    ("[index]\nturn_begin = 0.3\n", "index.turn_begin: Extra inputs are not permitted"),
])
def test_a_bad_value_in_the_settings_file_names_the_file_and_the_setting(tmp_path, toml, problem):
    config = tmp_path / "cofnod.toml"
    config.write_text(toml)
    with pytest.raises(ConfigError) as raised:
        load_settings(env={"COFNOD_CONFIG": str(config)})
    assert str(raised.value).startswith(f"{config}: settings: {problem}")


def test_a_bad_value_from_the_environment_does_not_blame_the_file(tmp_path):
    config = tmp_path / "cofnod.toml"
    config.write_text("[answer]\nk = 8\n")
    with pytest.raises(ConfigError) as raised:
        load_settings(env={"COFNOD_CONFIG": str(config)}, answer__k="many")
    assert str(raised.value).startswith("settings: answer.k: Input should be a valid integer")
    assert load_settings(env={"COFNOD_CONFIG": str(config)}).answer.k == 8
