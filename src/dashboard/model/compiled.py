"""The compiled store: the whole store written once, after a successful load, as Arrow IPC
files, so that a server start reads it instead of parsing and checking every CSV again.

Key: a SHA-256 over a format version, the code that builds a store (the source of every module
of ``dashboard.model`` and of ``render/classify.py``, the pandas and pyarrow versions, and
those of numpy, scipy and mapclassify, which compute the class breaks), and every input file,
each by its role and name (never its folder, so that data validated in `pull`'s temporary
folder and the same files moved into place share a key), size, modification time and SHA-256
of its content: the catalogue (``data/catalog/*.toml``, ``data/vocabulary.toml``), the
project's own tidy files, the area lists and every CBS table the catalogue reads. Any change
to one of them, even a ``touch``, makes another key, so the store is rebuilt.

Layout: ``<cache_dir>/store-<key>/`` holds ``observations``, ``gebieden``, ``components``,
``names``, ``weights`` and ``breaks`` (``.arrow``, Arrow IPC/Feather v2) and
``manifest.json``, written last, with the key and the SHA-256 of every file. ``breaks`` are
the maps' class breaks, computed with mapclassify when the store is written, one row per
``classify.breaks_key``, so that a server reading the store imports no mapclassify for those
maps (issue 17). A folder is written under a temporary name and renamed into place, so a
reader sees a whole store or none. Reading checks the key and every file's hash before
parsing; a damaged or partial folder is never trusted: it is removed and the store rebuilt
from the sources. The newest few stores are kept (``KEEP``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow
import pyarrow.feather as feather

LOG = logging.getLogger(__name__)
FORMAT = 2  # 2: the class breaks
KEEP = 3
PARTS = ("observations", "gebieden", "components", "names", "weights", "breaks")
# the libraries that compute the stored class breaks (render/classify.py, with mapclassify)
BREAKS_LIBRARIES = ("numpy", "scipy", "mapclassify")
MANIFEST = "manifest.json"
_INDEX = "__index__"
_CODE_DIR = Path(__file__).resolve().parent  # dashboard/model: the code that builds a store
_CLASSIFY = _CODE_DIR.parent / "render" / "classify.py"  # the code of the stored breaks


def _digest(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def code_version() -> str:
    """A hash of the code that decides what a store holds, and of its libraries' versions
    (read from their metadata: mapclassify itself is not imported)."""
    h = hashlib.sha256(f"{FORMAT} pandas {pd.__version__} pyarrow {pyarrow.__version__}".encode())
    for name in BREAKS_LIBRARIES:
        try:
            h.update(f" {name} {metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f" {name} absent".encode())
    files = [(f"model/{p.relative_to(_CODE_DIR)}", p) for p in sorted(_CODE_DIR.rglob("*.py"))]
    for name, path in [*files, ("render/classify.py", _CLASSIFY)]:
        h.update(name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def store_key(inputs: Iterable[tuple[str, Path]]) -> str | None:
    """The key of a store built from ``inputs`` ((role, file) pairs); None if one is missing
    (the loader then says which, in its own words)."""
    h = hashlib.sha256(code_version().encode())
    for role, path in sorted(inputs, key=lambda item: (item[0], item[1].name)):
        try:
            stat = path.stat()
            digest = _digest(path)
        except OSError:
            return None
        h.update(f"{role}/{path.name} {stat.st_size} {stat.st_mtime_ns} {digest}\n".encode())
    return h.hexdigest()


def _folder(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"store-{key[:32]}"


def _to_table(frame: pd.DataFrame) -> pd.DataFrame:
    # Feather keeps no index: a RangeIndex from 0 is implied, any other travels as a column
    if isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0 and frame.index.step == 1:
        return frame.reset_index(drop=True)
    return frame.reset_index(names=_INDEX)


def _from_table(frame: pd.DataFrame) -> pd.DataFrame:
    if _INDEX in frame.columns:
        return frame.set_index(_INDEX).rename_axis(None)
    return frame


def read(cache_dir: Path, key: str) -> dict[str, Any] | None:
    """The parts of the store with this key, or None when there is none. A damaged store is
    removed (and so rebuilt by the caller), never returned."""
    folder = _folder(cache_dir, key)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("key") != key:
            raise ValueError("its manifest is for another key")
        for part in PARTS:
            if _digest(folder / f"{part}.arrow") != manifest["files"][f"{part}.arrow"]:
                raise ValueError(f"{part}.arrow does not match its hash")
        frames = {part: feather.read_feather(folder / f"{part}.arrow") for part in PARTS[:-1]}
        breaks = feather.read_table(folder / "breaks.arrow").to_pydict()
        weights = frames["weights"].set_index("region_code")["value"]
        weights.attrs.update(manifest["weights_attrs"])
        components = {
            ind: _from_table(group.drop(columns="indicator_id"))
            for ind, group in frames["components"].groupby("indicator_id", sort=False)
        }
        parts = {
            "observations": _from_table(frames["observations"]),
            "gebieden": _from_table(frames["gebieden"]),
            "names": dict(zip(frames["names"]["code"], frames["names"]["name"], strict=True)),
            "household_weights": weights,
            "components": {ind: components[ind] for ind in manifest["components_order"]},
            "class_breaks": dict(zip(breaks["key"], map(tuple, breaks["breaks"]), strict=True)),
        }
    except (OSError, ValueError, KeyError, TypeError, pyarrow.ArrowException) as exc:
        LOG.warning("compiled store %s is damaged (%s): rebuilding it", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    os.utime(folder)  # the most recently used stores are the ones kept
    LOG.info("store read from the compiled store %s", folder)
    return parts


def write(cache_dir: Path, key: str, parts: dict[str, Any]) -> Path | None:
    """Write a store's parts under ``key`` (atomically); a cache that cannot be written is
    logged and skipped, never an error for the caller."""
    folder = _folder(cache_dir, key)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".store-", dir=cache_dir))
    except OSError as exc:
        LOG.warning("cannot write the compiled store in %s (%s)", cache_dir, exc)
        return None
    try:
        components = parts["components"]
        # components keep their index as a column (a frame of two sources repeats it)
        comp_frames = [
            frame.reset_index(names=_INDEX).assign(indicator_id=ind)
            for ind, frame in components.items()
        ]
        weights = parts["household_weights"]
        frames = {
            "observations": _to_table(parts["observations"]),
            "gebieden": _to_table(parts["gebieden"]),
            "components": pd.concat(comp_frames, ignore_index=True)
            if comp_frames
            else pd.DataFrame({"indicator_id": pd.Series([], dtype="str")}),
            "names": pd.DataFrame(
                {"code": list(parts["names"]), "name": list(parts["names"].values())}
            ),
            "weights": pd.DataFrame(
                {"region_code": weights.index.astype("str"), "value": weights.to_numpy()}
            ),
        }
        known = parts.get("class_breaks", {})
        breaks = pyarrow.table(
            {
                "key": pyarrow.array(list(known), pyarrow.string()),
                "breaks": pyarrow.array(
                    [list(b) for b in known.values()], pyarrow.list_(pyarrow.float64())
                ),
            }
        )
        files = {}
        for part, frame in [*frames.items(), ("breaks", breaks)]:
            path = tmp / f"{part}.arrow"
            feather.write_feather(frame, path)
            files[path.name] = _digest(path)
        manifest = {
            "key": key,
            "files": files,
            "weights_attrs": dict(weights.attrs),
            "components_order": list(components),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        os.rename(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if (folder / MANIFEST).is_file():  # another process wrote the same store first
            return folder
        LOG.warning("cannot write the compiled store %s (%s)", folder, exc)
        return None
    _prune(cache_dir)
    LOG.info("store compiled to %s", folder)
    return folder


def _prune(cache_dir: Path) -> None:
    stores = sorted(
        (p for p in cache_dir.glob("store-*") if p.is_dir()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in stores[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
