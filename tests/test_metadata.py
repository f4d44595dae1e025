import os

import pandas as pd
import pytest

from framelab.errors import InputError
from framelab.ingest.metadata import (
    complete_metadata,
    read_metadata,
    real_path,
    resolve_inside,
    validate_metadata,
)

from .conftest import ROOT, metadata_row, write_metadata

OUTLETS = {"alpha", "beta"}


def check(rows, tmp_path, **kwargs):
    path = tmp_path / "metadata.csv"
    write_metadata(path, rows)
    validate_metadata(read_metadata(path), outlets=OUTLETS, source="meta.csv", **kwargs)


def test_seed_metadata_is_valid():
    config_outlets = {"izvestia", "rt", "topwar", "neo"}
    table = read_metadata(ROOT / "data/metadata.csv")
    validate_metadata(table, outlets=config_outlets, source="data/metadata.csv")
    assert len(table) == 5


def test_unknown_outlet_names_row_and_column(tmp_path):
    rows = [metadata_row("d1"), metadata_row("d2", outlet="alpah")]
    with pytest.raises(InputError) as err:
        check(rows, tmp_path)
    assert (
        "meta.csv row 2 (doc_id 'd2'), column 'outlet': 'alpah' is not in config 'outlets' "
        "(did you mean 'alpha'?)" in str(err.value)
    )


def test_duplicate_doc_id_points_at_the_first(tmp_path):
    rows = [metadata_row("d1"), metadata_row("d1", path="raw/other.txt")]
    with pytest.raises(
        InputError, match=r"row 2 \(doc_id 'd1'\), column 'doc_id': duplicate of row 1"
    ):
        check(rows, tmp_path)


@pytest.mark.parametrize(
    ("date", "precision"),
    [("2021-02-30", "day"), ("2021-13", "month"), ("2021-07", "day"), ("26.07.2021", "day")],
)
def test_malformed_or_impossible_dates(tmp_path, date, precision):
    rows = [metadata_row("d1", date=date, date_precision=precision)]
    with pytest.raises(InputError, match=r"row 1 \(doc_id 'd1'\), column 'date'"):
        check(rows, tmp_path)


def test_missing_date_is_named(tmp_path):
    with pytest.raises(InputError, match=r"column 'date': missing value"):
        check([metadata_row("d1", date="")], tmp_path)


def test_doc_id_with_traversal_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"column 'doc_id'"):
        check([metadata_row("../evil")], tmp_path)


def test_unknown_column_is_named(tmp_path):
    with pytest.raises(InputError, match=r"unknown column 'outlett' \(did you mean 'outlet'\?\)"):
        check([metadata_row("d1") | {"outlett": "x"}], tmp_path)


def test_empty_table_is_refused():
    with pytest.raises(InputError, match="no documents listed"):
        validate_metadata(pd.DataFrame(columns=["doc_id"]), outlets=OUTLETS, source="m.csv")


@pytest.mark.parametrize("path", ["../outside.txt", "/etc/passwd", "raw/../../x.txt"])
def test_paths_may_not_leave_the_data_folder(tmp_path, path):
    with pytest.raises(InputError, match="leaves the data folder"):
        resolve_inside(tmp_path, path, where="m.csv row 1")


def test_symlink_escaping_the_data_folder_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    data = tmp_path / "data"
    data.mkdir()
    (data / "link.txt").symlink_to(outside)
    with pytest.raises(InputError, match="resolves outside"):
        resolve_inside(data, "link.txt", where="m.csv row 1")


def test_real_path_is_realpath_with_links_anywhere(tmp_path, monkeypatch):
    (tmp_path / "data/raw/sub").mkdir(parents=True)
    (tmp_path / "data/raw/sub/a.txt").write_text("a")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/b.txt").write_text("b")
    (tmp_path / "data/raw/to_b.txt").symlink_to(tmp_path / "outside/b.txt")
    (tmp_path / "data/raw/linked").symlink_to(tmp_path / "outside")
    (tmp_path / "data/raw/broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "data/via").symlink_to(tmp_path / "data/raw/sub")
    monkeypatch.chdir(tmp_path / "data")
    paths = [
        "raw/sub/a.txt",
        "raw/to_b.txt",
        "raw/linked/b.txt",
        "raw/broken.txt",
        "via/a.txt",
        "raw/missing/x.txt",
        "raw/sub/../to_b.txt",
        "raw/sub/.",
        "a.txt",
        tmp_path / "data",
    ]
    folders: dict[str, str] = {}
    for path in paths * 2:  # the second round reads the remembered folders
        assert real_path(path, folders) == os.path.realpath(path), path


def test_a_bad_row_among_many_valid_ones_is_found(tmp_path):
    rows = [metadata_row(f"d{i}") for i in range(3000)]
    rows[2500] = metadata_row("d2500", date="2021-02-30")
    rows[2700] = metadata_row("d7", outlet="beta")  # a duplicate id far from the first
    with pytest.raises(InputError) as err:
        check(rows, tmp_path)
    assert err.value.problems == [
        "meta.csv row 2501 (doc_id 'd2500'), column 'date': '2021-02-30' is not a valid date "
        "at date_precision 'day' (expected %Y-%m-%d)",
        "meta.csv row 2701 (doc_id 'd7'), column 'doc_id': duplicate of row 8; ids must be unique",
    ]


def test_completion_maps_display_names_and_fills_precision_and_language():
    table = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "outlet": ["CNN (Web News)", "beta", "Gamma", "nosuch"],
            "date": ["2019-03-12", "2019-03", "2019", "March 2019"],
            "language": ["de", "", "", ""],
        }
    )
    ids = {"CNN (Web News)": "cnn_web_news", "cnn_web_news": "cnn_web_news", "beta": "beta"}
    done = complete_metadata(table, outlet_ids=ids, language="en")
    assert done["outlet"].tolist() == ["cnn_web_news", "beta", "Gamma", "nosuch"]
    assert done["date_precision"].tolist() == ["day", "month", "year", ""]
    assert done["language"].tolist() == ["de", "en", "en", "en"]
    assert table.columns.tolist() == ["doc_id", "outlet", "date", "language"]  # not changed


def test_a_given_date_precision_is_kept_and_an_empty_one_inferred():
    table = pd.DataFrame({"date": ["2019-03-12", "2019-03-12"], "date_precision": ["month", ""]})
    done = complete_metadata(table, outlet_ids={}, language="en")
    assert done["date_precision"].tolist() == ["month", "day"]


def test_one_message_per_cause_names_every_row_it_holds_in(tmp_path):
    rows = [metadata_row(f"d{i}", outlet="Nosuch" if i < 7 else "alpha") for i in range(1, 10)]
    rows[7]["date"] = "2021-02-30"
    with pytest.raises(InputError) as err:
        check(rows, tmp_path)
    assert err.value.problems == [
        "meta.csv rows 1-6 (6 rows), column 'outlet': 'Nosuch' is not in "
        "config 'outlets'; declared: ['alpha', 'beta']",
        "meta.csv row 8 (doc_id 'd8'), column 'date': '2021-02-30' is not a "
        "valid date at date_precision 'day' (expected %Y-%m-%d)",
    ]
    everywhere = [metadata_row(f"d{i}", outlet="Nosuch") for i in range(1, 4)]
    with pytest.raises(InputError, match=r"meta.csv all 3 rows, column 'outlet'"):
        check(everywhere, tmp_path)
