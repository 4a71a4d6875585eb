def test_login_page_is_served_to_anonymous_visitors(client):
    response = client.get("/auth/login")
    assert response.status_code == 200
    assert "Sign in to SRO Log" in response.get_data(as_text=True)
