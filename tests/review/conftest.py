import pytest


@pytest.fixture
def officer(make_user):
    return make_user("officer", full_name="Dep. Dana Whitfield")


@pytest.fixture
def supervisor(make_user, login):
    user = make_user("supervisor", full_name="Sgt. Ruth Calloway")
    login(user)
    return user
