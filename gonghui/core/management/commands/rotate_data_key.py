"""`manage.py rotate_data_key --new-key-file FILE`: change `GONGHUI_DATA_KEY`.

Every encrypted column (`EncryptedTextField`) is opened with the old key and sealed again with
the new one, and every blind index (`BlindIndexField`) computed again under the new key, table by
table, in batches of `--batch` rows, each batch one transaction. Nothing names a module: the
columns are found on the models.

A blind index is recomputed from the plaintext it was made from: an encrypted column of the same
row (a member's `id_number_bidx` from its `id_number`), or of a row it points to (a mutual-aid
share's `person_bidx` from its member's `id_number`); the purpose is that column's name, and the
stored index must match it under the old key (or already under the new one) before it is
replaced. A value that matches neither key is counted and reported, never overwritten.

Resumable: a value already under the new key is left as it is, so a run that stopped (a lost
connection, `--max-batches`, Ctrl-C) is simply started again. `--dry-run` counts what would
change and writes nothing; `--check` only verifies that everything is under the new key.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction

from gonghui.kernel.audit import audit
from gonghui.kernel.crypto import Keyring, blind_index_text, key_check, protected_columns


class _Enough(Exception):
    """`--max-batches` reached."""


def _read_key(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError as exc:
        raise CommandError(f"读不到密钥文件 {path}：{exc.strerror}") from None


def _open(token: str, *keys: Keyring) -> tuple[str, int] | None:
    """The plaintext and the index of the key that opens it, or None."""
    for i, key in enumerate(keys):
        try:
            return key.decrypt(token), i
        except (InvalidTag, ValueError):
            continue
    return None


class Command(BaseCommand):
    help = "更换数据密钥：用新密钥重新加密所有加密字段并重算盲索引（分批进行，中断后再次运行即可续完）。"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--new-key-file", required=True, help="新密钥文件（一行 urlsafe base64，32 字节）"
        )
        parser.add_argument("--old-key-file", help="旧密钥文件（默认：当前配置的 GONGHUI_DATA_KEY）")
        parser.add_argument("--batch", type=int, default=1000, help="每批行数（每批一个事务）")
        parser.add_argument("--dry-run", action="store_true", help="只统计将要更改的数量，不写入")
        parser.add_argument("--check", action="store_true", help="只核对：所有值都已是新密钥")
        parser.add_argument(
            "--max-batches", type=int, default=0, help="处理这么多批后停止（之后再次运行续完）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            new_b64 = _read_key(options["new_key_file"])
            key_check(new_b64)
            new = Keyring(new_b64)
            old_b64 = (
                _read_key(options["old_key_file"]) if options["old_key_file"] else settings.GONGHUI_DATA_KEY
            )
            old = Keyring(old_b64)
        except ValueError as exc:
            raise CommandError(f"密钥无效：{exc}") from None
        if new.index_key == old.index_key:
            raise CommandError("新密钥与旧密钥相同。")
        self.old, self.new = old, new
        self.write = not (options["dry_run"] or options["check"])
        self.batch, self.max_batches, self.batches = max(1, options["batch"]), options["max_batches"], 0
        self.stats: dict[str, Counter[str]] = {}
        stopped = False
        try:
            for model, sealed, indexed in protected_columns():
                self.rotate(model, sealed, indexed)
        except _Enough:
            stopped = True
        totals: Counter[str] = Counter()
        for column, c in self.stats.items():
            totals.update(c)
            self.stdout.write(
                f"{column}：{'已重新加密' if self.write else '待重新加密'} {c['rotated']}，"
                f"已是新密钥 {c['current']}，空 {c['empty']}，无法读取 {c['unreadable']}"
            )
        self.stdout.write(
            f"合计：{'已重新加密' if self.write else '待重新加密'} {totals['rotated']}，已是新密钥 {totals['current']}，"
            f"空 {totals['empty']}，无法读取 {totals['unreadable']}（{self.batches} 批）。"
        )
        if self.write and totals["rotated"]:
            with transaction.atomic():
                audit(actor=None, action="crypto.rotate", detail={"count": totals["rotated"],
                      "note": "部分完成，需再次运行" if stopped else "全部完成"})  # fmt: skip
        if totals["unreadable"]:
            raise CommandError(
                f"有 {totals['unreadable']} 个值用旧密钥和新密钥都读不出，未改动：请核对密钥文件。"
            )
        if stopped:
            self.stdout.write("已按 --max-batches 停止；再次运行同一命令即可续完。")
        elif options["check"] and totals["rotated"]:
            raise CommandError(f"还有 {totals['rotated']} 个值未换成新密钥。")
        elif options["check"]:
            self.stdout.write("核对完成：全部加密字段和盲索引都已是新密钥。")

    def rotate(self, model: type[models.Model], sealed: list[Any], indexed: list[Any]) -> None:
        qn = connection.ops.quote_name
        pk: Any = model._meta.pk
        label = model._meta.label
        # Rows this model points to whose encrypted columns a blind index may come from.
        pointed = [
            (f, protected_sealed(f.related_model))
            for f in model._meta.concrete_fields
            if f.many_to_one and indexed and protected_sealed(f.related_model)
        ]
        columns = [pk.column] + [f.column for f in sealed + indexed] + [f.column for f, _ in pointed]
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        for f in sealed + indexed:
            self.stats.setdefault(f"{label}.{f.name}", Counter())
        last: Any = None
        while True:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    where = f" WHERE {qn(pk.column)} > %s" if last is not None else ""
                    cursor.execute(
                        f"SELECT {', '.join(qn(c) for c in columns)} FROM {qn(model._meta.db_table)}{where} "
                        f"ORDER BY {qn(pk.column)} LIMIT %s{lock}",
                        [last, self.batch] if last is not None else [self.batch],
                    )
                    rows = cursor.fetchall()
                if not rows:
                    return
                sources = self.pointed_plaintexts(pointed, rows, 1 + len(sealed) + len(indexed))
                updates = []
                for row in rows:
                    change = self.row(label, row, sealed, indexed, pointed, sources)
                    if change:
                        updates.append((change, row[0]))
                if self.write:
                    with connection.cursor() as cursor:
                        for change, key in updates:
                            cursor.execute(
                                f"UPDATE {qn(model._meta.db_table)} SET "
                                + ", ".join(f"{qn(c)} = %s" for c in change)
                                + f" WHERE {qn(pk.column)} = %s",
                                [*change.values(), key],
                            )
            last = rows[-1][0]
            self.batches += 1
            if self.max_batches and self.batches >= self.max_batches:
                raise _Enough

    def row(
        self, label: str, row: tuple[Any, ...], sealed: list[Any], indexed: list[Any], pointed: list[Any],
        sources: dict[tuple[str, Any], dict[str, str]],
    ) -> dict[str, Any]:  # fmt: skip
        change: dict[str, Any] = {}
        plain: dict[str, str] = {}
        for i, f in enumerate(sealed, start=1):
            stats, token = self.stats[f"{label}.{f.name}"], row[i]
            if not token:
                stats["empty"] += 1
                continue
            opened = _open(token, self.new, self.old)
            if opened is None:
                stats["unreadable"] += 1
                continue
            plain[f.name] = opened[0]
            if opened[1] == 0:
                stats["current"] += 1
            else:
                stats["rotated"] += 1
                change[f.column] = self.new.encrypt(opened[0])
        candidates = list(plain.items())
        base = 1 + len(sealed) + len(indexed)
        for j, (fk, _) in enumerate(pointed):
            candidates += sources.get((fk.name, row[base + j]), {}).items()
        for i, f in enumerate(indexed, start=1 + len(sealed)):
            stats = self.stats[f"{label}.{f.name}"]
            if row[i] is None or row[i] == "":
                stats["empty"] += 1
                continue
            value = blind_index_text(row[i])
            for purpose, text in candidates:
                if self.new.blind_index(text, purpose=purpose) == value:
                    stats["current"] += 1
                    break
                if self.old.blind_index(text, purpose=purpose) == value:
                    stats["rotated"] += 1
                    change[f.column] = f.get_db_prep_value(
                        self.new.blind_index(text, purpose=purpose), connection
                    )
                    break
            else:
                stats["unreadable"] += 1
        return change

    def pointed_plaintexts(
        self, pointed: list[Any], rows: list[tuple[Any, ...]], base: int
    ) -> dict[tuple[str, Any], dict[str, str]]:
        """(foreign key, id) → {column name: plaintext} of the rows this batch points to."""
        qn = connection.ops.quote_name
        found: dict[tuple[str, Any], dict[str, str]] = {}
        for j, (fk, fields) in enumerate(pointed):
            ids = sorted({r[base + j] for r in rows if r[base + j] is not None})
            if not ids:
                continue
            target = fk.related_model._meta
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {qn(target.pk.column)}, {', '.join(qn(g.column) for g in fields)} "
                    f"FROM {qn(target.db_table)} WHERE {qn(target.pk.column)} IN ({', '.join(['%s'] * len(ids))})",
                    ids,
                )
                for key, *tokens in cursor.fetchall():
                    texts = {}
                    for g, token in zip(fields, tokens, strict=True):
                        opened = _open(token, self.new, self.old) if token else None
                        if opened is not None:
                            texts[g.name] = opened[0]
                    found[(fk.name, key)] = texts
        return found


def protected_sealed(model: Any) -> list[Any]:
    for m, sealed, _indexed in protected_columns():
        if m is model:
            return sealed
    return []
