"""The OpenAPI document lists the errors each operation answers (issue 15),
all in the one error shape {detail, code, errors}, and the rules the schema can
carry. Then a few of the listed answers are provoked, to show they are real."""

import pytest

pytestmark = pytest.mark.django_db

ERROR_REF = "#/components/schemas/ErrorOut"
UNSAFE = {"post", "put", "patch", "delete"}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_lists_the_errors_of_its_kind(document):
    seen = 0
    for path, method, operation in operations(document):
        listed = set(operation["responses"])
        where = f"{method.upper()} {path}"
        assert {"400", "429"} <= listed, where
        if operation.get("security"):
            assert "401" in listed, where
            if method in UNSAFE:
                assert "403" in listed, where
        if "{" in path:
            assert "404" in listed, where
        if "requestBody" in operation:
            assert "413" in listed, where
        for status, answer in operation["responses"].items():
            if status.startswith("4"):
                assert answer["content"]["application/json"]["schema"] == {"$ref": ERROR_REF}, where
                assert answer["description"], where
        seen += 1
    assert seen >= 30


@pytest.mark.parametrize(("method", "path", "statuses"), [
    ("post", "/api/v1/auth/token", {"401", "403", "429"}),
    ("get", "/api/v1/jobs/{job_id}", {"404", "410"}),
    ("post", "/api/v1/jobs/{job_id}/applications", {"403", "404", "409", "410", "413"}),
    ("post", "/api/v1/bookings", {"404", "409"}),
    ("delete", "/api/v1/bookings/{booking_id}", {"404", "409"}),
    ("post", "/api/v1/sessions/{session_id}/enrolments", {"404", "409"}),
    ("post", "/api/v1/enrolments/{enrolment_id}/accept", {"409"}),
    ("post", "/api/v1/consultants/{consultant_id}/queue", {"409"}),
    ("post", "/api/v1/employers", {"409"}),
    ("put", "/api/v1/me/favourites/{job_id}", {"410"}),
    ("post", "/api/v1/jobs/screen", {"413"}),
])
def test_the_errors_of_each_endpoints_own_rules(document, method, path, statuses):
    assert statuses <= set(document["paths"][path][method]["responses"])


def test_the_error_shape(document):
    schema = document["components"]["schemas"]["ErrorOut"]
    assert set(schema["required"]) == {"detail", "code"}
    assert "errors" in schema["properties"]
    field_error = document["components"]["schemas"]["FieldError"]
    assert {"field", "message"} <= set(field_error["properties"])


def test_the_rules_the_schema_can_carry(document):
    jobs = {p["name"]: p for p in document["paths"]["/api/v1/jobs"]["get"]["parameters"]}
    assert set(jobs["sort"]["schema"]["enum"]) == {"relevance", "newest", "salary"}
    assert jobs["posted_within"]["schema"]["enum"] == [1, 3, 7, 30]
    assert "salary_min" in jobs["salary_max"]["description"]
    assert jobs["q"]["schema"]["maxLength"] == 200 and jobs["page"]["schema"]["maximum"] == 500
    assert jobs["industry"]["schema"]["items"]["enum"]
    booking = document["components"]["schemas"]["BookingIn"]
    assert booking["properties"]["start"]["format"] == "date-time"
    assert booking["properties"]["topic"]["maxLength"] == 120
    modes = document["components"]["schemas"]["Mode"]["enum"]
    assert set(modes) == {"online", "phone", "in_person"}
    courses = {p["name"]: p for p in document["paths"]["/api/v1/courses"]["get"]["parameters"]}
    assert "not before `from`" in courses["to"]["description"]


@pytest.mark.parametrize(("path", "status"), [
    ("/api/v1/courses/424242", 404),
    ("/api/v1/courses?page=0", 400),
    ("/api/v1/jobs?salary_min=9000&salary_max=100", 400),
    ("/api/v1/jobs?sort=cheapest", 400),
    ("/api/v1/me", 401),
    ("/api/v1/jobs/suggest?q=a%00b", 400),
])
def test_the_listed_answers_are_real(client, document, path, status):
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert set(body) <= {"detail", "code", "errors"} and body["detail"] and body["code"]
    template = path.split("?")[0].replace("424242", "{course_id}")
    assert str(status) in document["paths"][template]["get"]["responses"]
