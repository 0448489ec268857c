"""The words both search backends index and query (shop/search/text.py)."""
from shop.search import text


def test_sastrawi_stems_indonesian_words():
    assert text.stem("menganyam") == "anyam"
    assert text.stem("anyaman") == "anyam"
    assert text.stem("batiknya") == "batik"
    assert text.stem("penenun") == "tenun"


def test_english_words_pass_through_the_indonesian_stemmer():
    for word in ("bamboo", "basket", "embroidered", "halal"):
        assert text.stem(word) == word


def test_index_text_keeps_the_word_and_adds_its_stem():
    assert text.index_text("Keranjang Anyaman", "Batiknya") == "keranjang anyaman anyam batiknya batik"


def test_folding_drops_case_and_diacritics():
    assert text.words("Kéramik DINOYO, 1.200°C") == ["keramik", "dinoyo", "1", "200", "c"]


def test_query_words_drop_filler_and_repeats_and_are_capped():
    assert text.query_words("Tas dari bambu dan Tas") == ["tas", "bambu"]
    assert len(text.query_words(" ".join(f"kata{n}" for n in range(20)))) == text.MAX_QUERY_TERMS


def test_madura_is_the_area_of_its_four_regencies():
    for regency in ("Bangkalan", "Sampang", "Pamekasan", "Sumenep"):
        assert "madura" in text.region_areas(regency)
    assert "madura" not in text.region_areas("Lamongan")


def test_english_families():
    assert text.english_family("embroidered") == "embroider"
    assert text.english_family("baskets") == "basket"
    assert text.english_family("madura") == ""
    assert text.english_family("tas") == ""
