import subprocess
import sys

import pytest
import yaml

from framelab.config import load_config, outlets, validate_config
from framelab.errors import InputError

from .conftest import OUTLETS, ROOT


def test_repository_config_is_valid_and_gets_defaults():
    config = load_config(ROOT / "config.yaml")
    assert list(outlets(config)) == ["izvestia", "rt", "topwar", "neo"]
    assert config["stats"]["n_boot"] == 2000
    assert config["figures"]["svg"] is False


def test_defaults_fill_missing_sections():
    config = validate_config({"outlets": OUTLETS})
    assert config["corpus"]["metadata"] == "data/metadata.csv"
    assert config["topics"]["k"] == 4
    assert config["segment"]["unit"] == "paragraph"


def test_unknown_key_is_named_with_a_suggestion():
    with pytest.raises(InputError) as err:
        validate_config({"outlets": OUTLETS, "topics": {"kk": 3}}, source="study.yaml")
    message = str(err.value)
    assert "study.yaml: topics: unknown key 'kk' (did you mean 'k'?)" in message


def test_wrong_type_names_the_key_path():
    with pytest.raises(InputError, match=r"cfg: topics\.k: 'four' is not of type 'integer'"):
        validate_config({"outlets": OUTLETS, "topics": {"k": "four"}}, source="cfg")


def test_bad_colour_names_the_outlet():
    bad = {"x": {"name": "X", "colour": "blue"}}
    with pytest.raises(InputError, match=r"outlets\.x\.colour"):
        validate_config({"outlets": bad})


def test_every_problem_is_reported_at_once():
    with pytest.raises(InputError) as err:
        validate_config({"outlets": OUTLETS, "topics": {"k": 1}, "stats": {"ci": 2}})
    assert len(err.value.problems) == 2


def test_config_file_errors_name_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("outlets: [unclosed", encoding="utf-8")
    with pytest.raises(InputError, match="broken.yaml: not valid YAML"):
        load_config(path)
    with pytest.raises(InputError, match="missing.yaml: config file not found"):
        load_config(tmp_path / "missing.yaml")


def test_schema_documents_every_key():
    schema = yaml.safe_load((ROOT / "workflow/schemas/config.schema.yaml").read_text())

    def walk(node, path):
        for key, sub in node.get("properties", {}).items():
            assert "description" in sub, f"{path}{key} has no description"
            walk(sub, f"{path}{key}.")

    walk(schema, "")


def test_validation_skips_the_iri_grammar_and_leaves_it_importable():
    """jsonschema compiles rfc3987-syntax's grammar on import (~2 s per snakemake start);
    framelab's schemas check no formats, so validation loads jsonschema without it."""
    script = (
        "import sys\n"
        "from framelab.config import load_config\n"
        f"load_config({str(ROOT / 'config.yaml')!r})\n"
        "assert 'jsonschema' in sys.modules\n"
        "assert 'rfc3987_syntax' not in sys.modules, 'IRI grammar imported'\n"
        "import importlib.util\n"
        "if importlib.util.find_spec('rfc3987_syntax'):\n"
        "    import rfc3987_syntax  # still importable for anyone else\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)


def test_two_outlets_with_one_display_name_are_refused():
    config = {
        "outlets": {
            "a": {"name": "Same", "colour": "#000000"},
            "b": {"name": "Same", "colour": "#111111"},
        }
    }
    with pytest.raises(InputError, match=r"outlets.b.name: 'Same' is also the name of outlet 'a'"):
        validate_config(config, source="study.yaml")


def test_a_date_window_that_ends_before_it_starts_is_refused():
    config = {"outlets": OUTLETS, "corpus": {"date_window": [2020, 1990]}}
    with pytest.raises(
        InputError, match=r"study.yaml: corpus.date_window: the first year \(2020\)"
    ):
        validate_config(config, source="study.yaml")
    assert validate_config({"outlets": OUTLETS, "corpus": {"date_window": [1990, None]}})
