import pytest


@pytest.fixture
def school(make_school):
    return make_school()


@pytest.fixture
def officer(make_user, login):
    user = make_user("officer", full_name="Dep. Dana Whitfield")
    login(user)
    return user
