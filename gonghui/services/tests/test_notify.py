from gonghui.services import notify


def test_console_backend_is_the_default_and_masks_the_phone(capsys, settings):
    del settings.GONGHUI_NOTIFY_BACKEND  # not set in the project settings: the console backend
    notify.send(notify.Notice(kind="reminder", to_name="林小青", to_phone="13800138001", text="明天9:00咨询"))
    out = capsys.readouterr().out
    assert "[通知·reminder] 致 林小青（138****8001）：明天9:00咨询" in out
    assert "13800138001" not in out


def test_the_backend_setting_chooses_the_adapter(settings):
    settings.GONGHUI_NOTIFY_BACKEND = "gonghui.services.notify.MemoryBackend"
    notify.MemoryBackend.outbox = []
    notify.send(notify.Notice(kind="confirmed", to_name="林小青", to_phone="", text="已预约"))
    assert [n.text for n in notify.MemoryBackend.outbox] == ["已预约"]
