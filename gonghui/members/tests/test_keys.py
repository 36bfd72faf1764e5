from gonghui.kernel import crypto
from gonghui.members import keys


def test_fast_blind_index_and_sealer_match_the_common_ones(settings):
    index = keys.indexer(keys.ID_PURPOSE)
    seal = keys.sealer(batch=2)
    for value in ("440105198506010011", "13800138000", "李四"):
        assert index(value) == crypto.blind_index(value, purpose="id_number")
        sealed = [seal(value) for _ in range(3)]
        assert {crypto.decrypt(s) for s in sealed} == {value}
        assert len(set(sealed)) == 3  # a fresh nonce every time
