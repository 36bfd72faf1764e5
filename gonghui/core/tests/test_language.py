def test_chinese_by_default_and_english_on_request(tree, personas, login):
    client = login(personas.street)
    page = client.get("/").content.decode()
    assert "组织架构" in page and "退出" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Organisations" in page and "Sign out" in page and 'lang="en"' in page
