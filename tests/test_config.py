"""Settings: every setting is documented in the README."""




def test_every_setting_is_documented_in_the_readme():
    from pathlib import Path

    from meedoen.config import SETTINGS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for s in SETTINGS:
        assert f"| `{s.name}` |" in readme, s.name
