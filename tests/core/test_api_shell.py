def test_the_api_answers_401_in_json_to_strangers(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 401
    assert response.json() == {"error": "sign in first"}


def test_the_api_schema_is_there_for_signed_in_people(alice_client):
    response = alice_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Earned Secure API"
