from gonghui.jobfairs.demo import jobfairs_demo_load
from gonghui.jobfairs.models import Fair
from gonghui.jobfairs.selectors import fair_result, fairs_open_to, matches_for_seeker


def test_demo_fairs_give_the_seeds_figures_from_their_records(demo_federation, django_user_model):
    jobfairs_demo_load(progress=lambda s: None)  # once only
    assert Fair.objects.count() == 4

    spring = fair_result(Fair.objects.get(title__contains="春风行动2013"))
    assert spring.employers == 102 and spring.positions > 0 and 3600 <= spring.openings < 3700
    assert 200 <= spring.seekers <= 500 and spring.offers > 0
    four = fair_result(Fair.objects.get(title__contains="送岗位"))
    assert (four.employers, four.openings >= 4000, four.seekers > 4000) == (180, True, True)

    now = Fair.objects.get(title__contains="2026", parent__isnull=True)
    assert fair_result(now).venues and fair_result(now).openings > fair_result(now).venues[0].openings
    worker = django_user_model.objects.create_user("demo_worker", password="x" * 16)
    assert [f.pk for f in fairs_open_to(worker)] == [now.pk, *now.venues.values_list("pk", flat=True)]
    seeker = now.seekers.first() or spring.fair.seekers.first()
    assert seeker is not None and matches_for_seeker(seeker)
