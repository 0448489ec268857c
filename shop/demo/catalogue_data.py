"""The demo catalogue: East Java's crafts, their regions and the artisans behind them.

The places, techniques and motifs are real (Tanjungbumi's gentongan batik, the
handspun gedog cloth of Kerek, Dinoyo's ceramic village, Kampung Sanan's tempe
chips ...). The workshops, makers, phone numbers, NIBs and certificate numbers
are invented for the demo.

Stable keys the loader upserts by: region ``slug``, category ``name`` (top
level), artisan ``code`` (Oscar's Partner.code), product ``upc`` (also the
stock record's partner SKU). The demo logins live in ``shop.demo.logins``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from shop.order import statuses

# --- Regions --------------------------------------------------------------


@dataclass(frozen=True)
class RegionSeed:
    slug: str
    name: str
    kind: str  # "kabupaten" or "kota"
    description: str
    description_en: str


REGIONS: tuple[RegionSeed, ...] = (
    RegionSeed(
        "bangkalan", "Bangkalan", "kabupaten",
        "Ujung barat Pulau Madura. Di pesisir utaranya, Tanjungbumi, istri para nelayan membatik "
        "sambil menunggu suami pulang melaut; batik gentongan mereka direndam berbulan-bulan di gentong tanah liat.",
        "The western tip of Madura. On its north coast, in Tanjungbumi, fishermen's wives draw batik while "
        "their husbands are at sea; their gentongan batik soaks for months in earthenware jars.",
    ),
    RegionSeed(
        "pamekasan", "Pamekasan", "kabupaten",
        "Jantung batik Madura. Desa Klampar di Kecamatan Proppo hidup dari canting: hampir setiap rumah "
        "punya perajin, dan pasar batiknya ramai setiap pekan.",
        "The heart of Madurese batik. Klampar village in Proppo lives by the canting: nearly every house "
        "has a maker, and its batik market is busy every week.",
    ),
    RegionSeed(
        "tulungagung", "Tulungagung", "kabupaten",
        "Di Desa Majan, bekas tanah perdikan, batik klasik bernuansa soga masih digambar dengan tangan, "
        "diwariskan dari generasi ke generasi.",
        "In Majan, once a tax-free perdikan village, classic soga-brown batik is still drawn by hand, "
        "handed down from generation to generation.",
    ),
    RegionSeed(
        "lamongan", "Lamongan", "kabupaten",
        "Desa Parengan di Kecamatan Maduran adalah sentra sarung tenun ikat: ratusan alat tenun bukan mesin "
        "berbunyi dari pagi hingga sore.",
        "Parengan village in Maduran is a centre of ikat-woven sarongs: hundreds of hand looms clatter "
        "from morning to evening.",
    ),
    RegionSeed(
        "tuban", "Tuban", "kabupaten",
        "Di Kecamatan Kerek, kapas dipintal sendiri lalu ditenun dengan gedog, alat tenun gendong yang "
        "berbunyi \u201cdog-dog\u201d, sebelum dibatik dengan pewarna alam.",
        "In Kerek, cotton is hand-spun and woven on the gedog, a back-strap loom named for its "
        "\u201cdog-dog\u201d sound, before it is batiked with natural dyes.",
    ),
    RegionSeed(
        "kota-kediri", "Kediri", "kota",
        "Kelurahan Bandar Kidul menjaga tradisi tenun ikat Kediri dengan alat tenun bukan mesin dan "
        "motif yang terus diperbarui oleh penenun mudanya.",
        "The Bandar Kidul quarter keeps Kediri's ikat tradition alive on hand looms, with motifs its "
        "young weavers keep renewing.",
    ),
    RegionSeed(
        "trenggalek", "Trenggalek", "kabupaten",
        "Bukit-bukit Trenggalek ditumbuhi bambu apus dan bambu petung; perajinnya mengolah bambu menjadi "
        "lampu, nampan dan perabot yang ringan dan kuat.",
        "Trenggalek's hills are covered in apus and petung bamboo; its makers turn it into lamps, trays "
        "and light, strong furniture.",
    ),
    RegionSeed(
        "banyuwangi", "Banyuwangi", "kabupaten",
        "Desa Gintangan di Rogojampi dikenal sebagai kampung anyaman bambu masyarakat Osing, dari "
        "keranjang pasar hingga kap lampu.",
        "Gintangan village in Rogojampi is the Osing people's bamboo-weaving village, from market "
        "baskets to lampshades.",
    ),
    RegionSeed(
        "sidoarjo", "Sidoarjo", "kabupaten",
        "Kota Udang: tambak di pesisirnya menghasilkan udang dan bandeng, sementara Desa Kedensari di "
        "Tanggulangin menjadi kampung bordir.",
        "The Shrimp City: brackish ponds on its coast raise shrimp and milkfish, while Kedensari "
        "village in Tanggulangin is an embroidery village.",
    ),
    RegionSeed(
        "kota-malang", "Malang", "kota",
        "Kampung keramik Dinoyo membakar tanah liat sejak 1950-an, dan Kampung Sanan mengiris tempe "
        "setipis kertas untuk keripik yang terkenal.",
        "The Dinoyo ceramics quarter has fired clay since the 1950s, and Kampung Sanan slices tempe "
        "paper-thin for its famous chips.",
    ),
    RegionSeed(
        "mojokerto", "Mojokerto", "kabupaten",
        "Trowulan, bekas ibu kota Majapahit, masih membentuk tanah liat seperti leluhurnya: terakota, "
        "celengan dan arca replika.",
        "Trowulan, once the capital of Majapahit, still shapes clay as its ancestors did: terracotta, "
        "piggy banks and statue replicas.",
    ),
    RegionSeed(
        "kota-surabaya", "Surabaya", "kota",
        "Kota pahlawan dengan lidah pedas: sambal bawang dan sambal bajak rumahan jadi teman nasi di "
        "setiap warung penyetan.",
        "The city of heroes has a taste for heat: homemade sambal bawang and sambal bajak sit beside "
        "the rice at every penyetan stall.",
    ),
)

# --- Craft categories (Oscar's Category tree, top level) -----------------


@dataclass(frozen=True)
class CategorySeed:
    name: str
    description: str


CATEGORIES: tuple[CategorySeed, ...] = (
    CategorySeed("Batik Tulis", "Batik yang seluruh motifnya digambar dengan canting, selembar demi selembar."),
    CategorySeed("Batik Cap", "Batik dengan motif dicap memakai cap tembaga, diwarnai dan dilorod dengan tangan."),
    CategorySeed("Tenun", "Kain tenun ikat dan gedog dari alat tenun tangan."),
    CategorySeed("Kriya Bambu", "Lampu, nampan dan perabot dari bambu yang diawetkan dan dirakit tangan."),
    CategorySeed("Bordir", "Bordir dan kerancang dari kampung bordir Sidoarjo."),
    CategorySeed("Anyaman", "Keranjang, tas dan kap lampu anyaman bambu dan pandan."),
    CategorySeed("Gerabah & Keramik", "Keramik Dinoyo dan terakota Trowulan, dibentuk dan dibakar perajin."),
    CategorySeed("Kuliner", "Oleh-oleh khas Jawa Timur dari dapur UMKM bersertifikat."),
)

#: Product classes (Oscar's product types) by category; both track stock.
FOOD_CATEGORY = "Kuliner"
#: Certifications a craft requires (shop.certifications): without a valid one of
#: each, a product is taken off the storefront and every marketplace.
CERTIFICATION_REQUIREMENTS = {FOOD_CATEGORY: ("halal", "pirt")}
PRODUCT_CLASS_CRAFT = "Kriya"
PRODUCT_CLASS_FOOD = "Kuliner"

# --- Artisans (Oscar partners) --------------------------------------------


@dataclass(frozen=True)
class ArtisanSeed:
    code: str
    name: str
    maker_name: str
    region: str
    whatsapp: str
    nib: str
    bio: str
    bio_en: str
    story: str
    story_en: str
    #: Colours of the generated images: background, then accents.
    palette: tuple[str, ...]


ARTISANS: tuple[ArtisanSeed, ...] = (
    ArtisanSeed(
        "batik-gentongan-tanjungbumi", "Rumah Batik Gentongan Siti", "Siti Maimunah", "bangkalan",
        "+6281234510001", "9120001234501",
        "Pembatik pesisir Tanjungbumi, generasi ketiga pewarna gentongan.",
        "Coastal batik maker of Tanjungbumi, third generation of gentongan dyers.",
        "Bu Siti belajar membatik dari neneknya di teras rumah yang menghadap Laut Jawa. Kain-kainnya "
        "direndam di gentong berisi pewarna mengkudu dan tarum, diangkat, dijemur dan direndam lagi "
        "selama berbulan-bulan sampai warnanya dalam dan tahan puluhan tahun. Kini ia mengajar dua belas "
        "perempuan tetangganya.",
        "Bu Siti learnt batik from her grandmother on a porch facing the Java Sea. Her cloths soak in "
        "jars of morinda and indigo dye, are lifted, sun-dried and soaked again for months until the "
        "colour is deep and lasts for decades. She now teaches twelve women of her neighbourhood.",
        ("#f3e6d0", "#8c1c13", "#1f3a5f", "#c9882b"),
    ),
    ArtisanSeed(
        "batik-klampar-sekar", "Batik Sekar Klampar", "Moh. Hasan", "pamekasan",
        "+6281234510002", "9120001234502",
        "Perajin batik tulis dan cap dari Desa Klampar, Proppo.",
        "Hand-drawn and stamped batik from Klampar village, Proppo.",
        "Pak Hasan dan istrinya mengelola bengkel batik kecil dengan sembilan pembatik. Warna-warna "
        "Pamekasan yang berani (merah cabai, hijau daun, kuning kunyit) menjadi ciri mereka, dan setiap "
        "kain ditandatangani pembatiknya di ujung kain.",
        "Pak Hasan and his wife run a small batik workshop of nine makers. Pamekasan's bold colours "
        "(chilli red, leaf green, turmeric yellow) are their signature, and every cloth is signed by "
        "its maker at the hem.",
        ("#fff4d6", "#c0392b", "#1e8449", "#f1c40f"),
    ),
    ArtisanSeed(
        "batik-majan", "Batik Tulis Majan Lestari", "Sri Wahyuni", "tulungagung",
        "+6281234510003", "9120001234503",
        "Penjaga motif klasik Batik Majan, Tulungagung.",
        "Keeper of classic Majan batik motifs, Tulungagung.",
        "Bu Sri menyalin motif-motif lama dari kain pusaka keluarga sebelum rusak dimakan usia, lalu "
        "membatiknya kembali dengan warna soga dan sogan yang kalem. Sebagian hasil penjualan dipakai "
        "membiayai kelas membatik untuk anak-anak desa.",
        "Bu Sri copies old motifs from her family's heirloom cloths before age wears them away, then "
        "draws them again in calm soga browns. Part of every sale pays for batik classes for the "
        "village children.",
        ("#f2e3c6", "#6e3b1e", "#a0522d", "#2b1d0e"),
    ),
    ArtisanSeed(
        "tenun-parengan", "Tenun Ikat Parengan Sumber Rejeki", "Ahmad Fauzi", "lamongan",
        "+6281234510004", "9120001234504",
        "Penenun sarung ikat ATBM dari Desa Parengan, Maduran.",
        "Hand-loom ikat sarong weaver from Parengan, Maduran.",
        "Bengkel Pak Fauzi menghidupi dua puluh penenun. Benang diikat mengikuti pola, dicelup, dibuka "
        "dan diikat lagi sebelum ditenun, sehingga satu sarung ikat bisa memakan waktu dua minggu. "
        "Sarung Parengan sejak lama dikirim hingga Timur Tengah.",
        "Pak Fauzi's workshop supports twenty weavers. Threads are tied to the pattern, dyed, untied "
        "and tied again before weaving, so a single ikat sarong can take two weeks. Parengan sarongs "
        "have long travelled as far as the Middle East.",
        ("#1b2a41", "#b23a48", "#e0c068", "#f4f1de"),
    ),
    ArtisanSeed(
        "tenun-gedog-kerek", "Tenun Gedog Sutini", "Sutini", "tuban",
        "+6281234510005", "9120001234505",
        "Pemintal dan penenun gedog dari Kerek, Tuban.",
        "Spinner and gedog weaver from Kerek, Tuban.",
        "Mbah Sutini memintal kapas dengan jantra dan menenun di gedog yang diikat ke pinggangnya. "
        "Kainnya kasar dan hangat, lalu dibatik dengan motif pesisir seperti ganggeng dan kijing miring, "
        "dicelup tom (nila) dan mengkudu.",
        "Mbah Sutini spins cotton on a jantra wheel and weaves on a gedog loom strapped to her waist. "
        "The cloth is coarse and warm, then batiked with coastal motifs such as ganggeng seaweed and "
        "kijing miring, dyed with indigo and morinda.",
        ("#e8dcc2", "#203a6b", "#7a2e1d", "#d9b77e"),
    ),
    ArtisanSeed(
        "tenun-bandar-kidul", "Tenun Ikat Bandar Kidul Dhoho", "Rina Kusumawati", "kota-kediri",
        "+6281234510006", "9120001234506",
        "Penenun ikat muda Kelurahan Bandar Kidul, Kediri.",
        "Young ikat weaver of Bandar Kidul, Kediri.",
        "Rina kembali ke kampung setelah kuliah desain dan menghidupkan lagi alat tenun ayahnya. Ia "
        "memadukan motif ikat lama dengan warna pastel untuk pembeli muda.",
        "Rina came home after studying design and brought her father's loom back to life. She pairs "
        "old ikat motifs with pastel colours for younger buyers.",
        ("#f6efe9", "#5b8e7d", "#f4a259", "#bc4b51"),
    ),
    ArtisanSeed(
        "bambu-trenggalek", "Bambu Lestari Trenggalek", "Suyono", "trenggalek",
        "+6281234510007", "9120001234507",
        "Perajin lampu dan perabot bambu dari lereng Trenggalek.",
        "Bamboo lamp and furniture maker from the Trenggalek slopes.",
        "Pak Suyono menebang bambu hanya di musim kemarau, merendamnya di air mengalir dan mengasapinya "
        "agar tahan bubuk. Setiap lampu dirakit tanpa paku logam, hanya pasak bambu dan ikatan rotan.",
        "Pak Suyono cuts bamboo only in the dry season, soaks it in running water and smokes it so "
        "beetles leave it alone. Every lamp is joined without metal nails, only bamboo pegs and rattan "
        "bindings.",
        ("#f5ecd7", "#a67c00", "#6b8e23", "#3e2f1c"),
    ),
    ArtisanSeed(
        "anyaman-gintangan", "Anyaman Bambu Gintangan", "Nur Aini", "banyuwangi",
        "+6281234510008", "9120001234508",
        "Penganyam bambu Osing dari Gintangan, Rogojampi.",
        "Osing bamboo weaver from Gintangan, Rogojampi.",
        "Bu Aini dan kelompoknya membelah bambu menjadi iratan setipis pita, mewarnainya dan "
        "menganyamnya menjadi keranjang, tas dan kap lampu. Pola anyaman mereka diwariskan tanpa "
        "gambar, hanya dari tangan ke tangan.",
        "Bu Aini and her group split bamboo into ribbon-thin strips, dye them and weave them into "
        "baskets, bags and lampshades. Their patterns are passed on with no drawings, only hand to hand.",
        ("#f7f0e1", "#b5651d", "#2e4a3b", "#d8a657"),
    ),
    ArtisanSeed(
        "bordir-kedensari", "Bordir Kedensari Lilik", "Lilik Nurhayati", "sidoarjo",
        "+6281234510009", "9120001234509",
        "Pembordir kerancang dari Desa Kedensari, Tanggulangin.",
        "Cutwork embroiderer from Kedensari, Tanggulangin.",
        "Bu Lilik membordir dengan mesin jahit injak yang dikendalikan tangan, bukan mesin komputer, "
        "sehingga tiap kelopak sedikit berbeda. Kerancang, lubang-lubang renda yang dilubangi satu per "
        "satu, adalah keahlian kampungnya.",
        "Bu Lilik embroiders on a treadle machine guided by hand, not a computer, so no two petals are "
        "quite alike. Kerancang, lace-like openings cut one by one, is her village's speciality.",
        ("#fdfaf5", "#7d9d9c", "#c06c84", "#355c7d"),
    ),
    ArtisanSeed(
        "keramik-dinoyo", "Sanggar Keramik Dinoyo", "Bambang Setiawan", "kota-malang",
        "+6281234510010", "9120001234510",
        "Pematung dan perajin keramik kampung Dinoyo, Malang.",
        "Ceramic maker of the Dinoyo quarter, Malang.",
        "Pak Bambang membentuk tanah liat di roda putar peninggalan ayahnya, salah satu perintis "
        "kampung keramik Dinoyo. Glasirnya diracik sendiri dari abu dan mineral, dibakar di tungku "
        "bersama perajin tetangga.",
        "Pak Bambang throws clay on the wheel his father left him, one of the founders of the Dinoyo "
        "ceramics quarter. He mixes his own glazes from ash and minerals and fires them in a kiln "
        "shared with neighbouring makers.",
        ("#eef2f3", "#2a6f97", "#61a5c2", "#8d6346"),
    ),
    ArtisanSeed(
        "terakota-trowulan", "Terakota Wilwatikta", "Slamet Riyadi", "mojokerto",
        "+6281234510011", "9120001234511",
        "Perajin terakota dan arca replika Majapahit, Trowulan.",
        "Terracotta and Majapahit statue-replica maker, Trowulan.",
        "Pak Slamet tumbuh di antara situs-situs Majapahit dan belajar dari pecahan gerabah yang "
        "ditemukan di sawah. Celengan babi dan arca replikanya dibentuk dengan tangan, dijemur dan "
        "dibakar dengan jerami.",
        "Pak Slamet grew up among Majapahit sites and learnt from potsherds found in the rice fields. "
        "His piggy banks and statue replicas are shaped by hand, sun-dried and fired with straw.",
        ("#f4e1d2", "#b5542f", "#7f3b1f", "#e7a977"),
    ),
    ArtisanSeed(
        "keripik-tempe-sanan", "Keripik Tempe Sanan Bu Har", "Hartini", "kota-malang",
        "+6281234510012", "9120001234512",
        "Produsen keripik tempe Kampung Sanan, Malang.",
        "Tempe chip maker of Kampung Sanan, Malang.",
        "Dapur Bu Har membuat tempe sendiri dari kedelai pilihan, mengirisnya setipis kertas, "
        "mencelupnya ke adonan tepung berbumbu ketumbar dan bawang putih, lalu menggorengnya dua kali "
        "agar renyah berminggu-minggu.",
        "Bu Har's kitchen makes its own tempe from chosen soybeans, slices it paper-thin, dips it in a "
        "coriander and garlic batter and fries it twice so it stays crisp for weeks.",
        ("#fff8e7", "#c1440e", "#e09f3e", "#335c67"),
    ),
    ArtisanSeed(
        "dapur-pesisir-sidoarjo", "Dapur Pesisir Sedati", "Fatimah Zahro", "sidoarjo",
        "+6281234510013", "9120001234513",
        "Olahan udang dan bandeng tambak Sedati, Sidoarjo.",
        "Shrimp and milkfish products from the Sedati ponds, Sidoarjo.",
        "Suami Bu Fatimah mengelola tambak di Sedati; Bu Fatimah mengolah hasilnya menjadi kerupuk "
        "udang, bandeng presto yang durinya lunak, bandeng asap dan petis udang yang kental.",
        "Bu Fatimah's husband farms ponds in Sedati; she turns the harvest into shrimp crackers, "
        "pressure-cooked milkfish with soft bones, smoked milkfish and thick shrimp petis.",
        ("#f1faee", "#e63946", "#457b9d", "#1d3557"),
    ),
    ArtisanSeed(
        "sambal-suroboyo", "Sambal Arek Suroboyo", "Dewi Lestari", "kota-surabaya",
        "+6281234510014", "9120001234514",
        "Sambal rumahan gaya penyetan Surabaya.",
        "Home-made sambal in the Surabaya penyetan style.",
        "Mbak Dewi meneruskan resep sambal warung penyetan ibunya: cabai rawit diulek kasar, bawang "
        "putih digoreng dalam minyak panas, tanpa pengawet. Setiap botol diisi dan ditutup tangan.",
        "Mbak Dewi carries on the sambal of her mother's penyetan stall: bird's-eye chillies pounded "
        "coarse, garlic fried in hot oil, no preservatives. Every jar is filled and sealed by hand.",
        ("#fff3e6", "#d62828", "#f77f00", "#003049"),
    ),
)

# --- Products ---------------------------------------------------------------


@dataclass(frozen=True)
class CertSeed:
    kind: str  # Certification.KIND_CHOICES key
    number: str
    #: Days after the load anchor (the first day of the current month, see
    #: loader). 40 lands 10-40 days from any day of the month: "expiring soon".
    #: Negative means already expired. None: no expiry.
    expires_after_days: int | None


def _soon(kind: str, number: str) -> CertSeed:
    return CertSeed(kind, number, 40)


def _valid(kind: str, number: str, years: int = 2) -> CertSeed:
    return CertSeed(kind, number, 365 * years)


@dataclass(frozen=True)
class ProductSeed:
    upc: str
    title: str
    category: str
    artisan: str
    price: int  # whole rupiah
    stock: int
    materials: str
    technique: str
    story: str
    story_en: str
    one_of_a_kind: bool = False
    lead_time_days: int = 0
    export_ready: bool = False
    curation_state: str = "approved"
    certifications: tuple[CertSeed, ...] = field(default_factory=tuple)
    #: A piece sold in sizes or colours: (option, price, stock) per variant. The seed is then
    #: an Oscar parent (no stock record of its own, ``price``/``stock`` unused) with one child
    #: per option, UPC and SKU ``<upc>-<option>``; the children share its curation and photo.
    variants: tuple[tuple[str, int, int], ...] = ()


P = ProductSeed
_BATIK_COTTON = "Kain katun primisima, malam (lilin) batik"
_NATURAL_DYE = "pewarna alam mengkudu dan tarum"

PRODUCTS: tuple[ProductSeed, ...] = (
    # Batik Tulis Tanjungbumi, Bangkalan
    P("GK-BTB-001", "Batik Tulis Gentongan Lok Can Merah Mengkudu", "Batik Tulis", "batik-gentongan-tanjungbumi",
      3_500_000, 1, f"{_BATIK_COTTON}, {_NATURAL_DYE}", "Batik tulis, pewarnaan gentongan 6 bulan",
      "Motif lok can, burung hong yang dibawa pedagang Tionghoa ke pesisir Madura, digambar penuh "
      "di atas kain 2,5 meter. Kain ini direndam di gentong selama enam bulan; hanya ada satu.",
      "The lok can motif, the phoenix Chinese traders brought to the Madurese coast, drawn across a "
      "2.5-metre cloth. It soaked in the jar for six months; there is only one.",
      one_of_a_kind=True, export_ready=True, certifications=(_valid("batikmark", "BM-3526-2023-0117"),)),
    P("GK-BTB-002", "Batik Tulis Gentongan Sisik Ikan Biru Tarum", "Batik Tulis", "batik-gentongan-tanjungbumi",
      2_750_000, 1, f"{_BATIK_COTTON}, pewarna alam tarum", "Batik tulis, pewarnaan gentongan 4 bulan",
      "Sisik ikan yang rapat, digambar titik demi titik, mengingat laut yang menghidupi Tanjungbumi. "
      "Biru tarumnya makin tenang setiap kali dicuci.",
      "Close fish scales, drawn dot by dot, recall the sea that feeds Tanjungbumi. Its indigo grows "
      "calmer with every wash.",
      one_of_a_kind=True, export_ready=True, certifications=(_soon("batikmark", "BM-3526-2021-0088"),)),
    P("GK-BTB-003", "Batik Tulis Tanjungbumi Tar Poteh", "Batik Tulis", "batik-gentongan-tanjungbumi",
      850_000, 4, _BATIK_COTTON, "Batik tulis, pewarna sintetis naphtol",
      "Tar poteh, latar putih bersih dengan bunga-bunga pesisir berwarna merah bata, adalah batik "
      "sehari-hari perempuan Tanjungbumi untuk kondangan.",
      "Tar poteh, a clean white ground with brick-red coastal flowers, is the batik Tanjungbumi women "
      "wear to weddings.",
      certifications=(_valid("batikmark", "BM-3526-2023-0118"),)),
    P("GK-BTB-004", "Selendang Batik Tulis Panji Lori", "Batik Tulis", "batik-gentongan-tanjungbumi",
      450_000, 6, "Kain katun halus, malam batik", "Batik tulis",
      "Selendang ringan bermotif panji lori, burung nuri yang menjadi hiasan rumah-rumah nelayan. "
      "Cocok dipadukan dengan kebaya atau kemeja polos.",
      "A light shawl with the panji lori motif, the parrot that decorates fishermen's houses. Wear "
      "it with a kebaya or a plain shirt."),
    P("GK-BTB-005", "Batik Tulis Gentongan Okel Tiga Negeri", "Batik Tulis", "batik-gentongan-tanjungbumi",
      1_950_000, 2, f"{_BATIK_COTTON}, {_NATURAL_DYE}", "Batik tulis, pewarnaan gentongan 3 bulan",
      "Tiga warna, merah, biru dan soga, dicelup bergantian di gentong. Motif okel, sulur-sulur "
      "yang saling mengait, memenuhi kain tanpa celah.",
      "Three colours, red, blue and soga brown, dipped in turn in the jars. The okel motif of "
      "interlocking tendrils fills the cloth without a gap.",
      export_ready=True, lead_time_days=0, certifications=(_valid("batikmark", "BM-3526-2023-0119"),)),
    P("GK-BTB-006", "Batik Tulis Tanjungbumi Motif Rawan (Pesanan)", "Batik Tulis", "batik-gentongan-tanjungbumi",
      1_250_000, 3, _BATIK_COTTON, "Batik tulis",
      "Motif rawan dari pola lama keluarga Bu Siti, sedang disiapkan untuk kurasi.",
      "The rawan motif from an old pattern of Bu Siti's family, being prepared for curation.",
      lead_time_days=30, curation_state="draft"),
    # Batik Klampar, Pamekasan
    P("GK-BKP-001", "Batik Tulis Klampar Sekar Jagad", "Batik Tulis", "batik-klampar-sekar",
      750_000, 3, _BATIK_COTTON, "Batik tulis",
      "Sekar jagad, \u201cbunga dunia\u201d: puluhan bidang kecil berisi motif berbeda, seperti peta pulau-pulau. "
      "Dikerjakan tiga pembatik selama lima minggu.",
      "Sekar jagad, \u201cflowers of the world\u201d: dozens of small fields, each with its own motif, like a "
      "map of islands. Three makers worked on it for five weeks.",
      export_ready=True, certifications=(_valid("batikmark", "BM-3528-2022-0231"),)),
    P("GK-BKP-002", "Batik Tulis Pamekasan Serat Kayu Hijau", "Batik Tulis", "batik-klampar-sekar",
      525_000, 5, _BATIK_COTTON, "Batik tulis",
      "Garis-garis serat kayu yang bergelombang dalam hijau daun dan kuning kunyit, warna khas "
      "pasar batik Pamekasan.",
      "Wavy wood-grain lines in leaf green and turmeric yellow, the colours of Pamekasan's batik market.",
      certifications=(_valid("batikmark", "BM-3528-2022-0232"),)),
    P("GK-BKP-003", "Batik Tulis Mata Keranjang", "Batik Tulis", "batik-klampar-sekar",
      450_000, 6, _BATIK_COTTON, "Batik tulis",
      "Mata keranjang meniru anyaman keranjang pasar, motif jujur dari kehidupan sehari-hari Madura.",
      "Mata keranjang imitates the weave of a market basket, an honest motif from everyday Madurese life."),
    P("GK-BKP-004", "Batik Tulis Klampar Burung Hong Merah Cabai", "Batik Tulis", "batik-klampar-sekar",
      1_450_000, 1, _BATIK_COTTON, "Batik tulis halus, isen-isen rapat",
      "Sepasang burung hong di atas latar merah cabai, dengan isen-isen cecek yang rapat. Karya "
      "terbaik Pak Hasan tahun ini, hanya satu lembar.",
      "A pair of phoenixes on a chilli-red ground, filled with close cecek dots. Pak Hasan's best "
      "piece this year, a single cloth.",
      one_of_a_kind=True, export_ready=True, certifications=(_soon("batikmark", "BM-3528-2020-0190"),)),
    P("GK-BKP-005", "Batik Cap Pamekasan Kawung Kunyit", "Batik Cap", "batik-klampar-sekar",
      165_000, 20, "Kain katun, malam batik", "Batik cap tembaga",
      "Kawung dicap dengan cap tembaga buatan pengrajin Proppo, lalu diwarnai tangan. Pilihan ringan "
      "untuk kemeja kantor.",
      "Kawung stamped with a copper block made in Proppo, then hand-dyed. An easy choice for an "
      "office shirt."),
    P("GK-BKP-101", "Kemeja Batik Cap Pamekasan Kawung Soga", "Batik Cap", "batik-klampar-sekar",
      0, 0, "Kain katun, malam batik", "Batik cap tembaga",
      "Kemeja lengan pendek dari batik cap kawung berwarna soga, dijahit di Pamekasan. Pilih ukurannya: "
      "S, M atau L.",
      "A short-sleeved shirt of soga-brown kawung batik, stamped and tailored in Pamekasan. Choose "
      "your size: S, M or L.",
      variants=(("S", 325_000, 3), ("M", 325_000, 5), ("L", 345_000, 2))),
    P("GK-BKP-006", "Batik Cap Kombinasi Tulis Parang Madura", "Batik Cap", "batik-klampar-sekar",
      235_000, 12, "Kain katun, malam batik", "Batik cap dengan isian tulis",
      "Parang dicap, lalu isen-isennya ditambahkan dengan canting: perpaduan kecepatan cap dan "
      "kehalusan tulis.",
      "Parang stamped, then its fillings added with the canting: the speed of the stamp with the "
      "finesse of the hand."),
    # Batik Majan, Tulungagung
    P("GK-BMT-001", "Batik Tulis Majan Sido Mukti Soga", "Batik Tulis", "batik-majan",
      650_000, 3, f"{_BATIK_COTTON}, soga alam", "Batik tulis, pewarna soga alam",
      "Sido mukti, harapan hidup yang mulia, dalam coklat soga dari kulit kayu. Disalin dari kain "
      "pusaka berumur lebih dari delapan puluh tahun.",
      "Sido mukti, a wish for a noble life, in soga brown from tree bark. Copied from an heirloom "
      "cloth more than eighty years old.",
      export_ready=True, certifications=(_valid("batikmark", "BM-3504-2023-0045"),)),
    P("GK-BMT-002", "Batik Tulis Majan Kawung Picis", "Batik Tulis", "batik-majan",
      485_000, 4, _BATIK_COTTON, "Batik tulis",
      "Kawung picis, lingkaran kecil seperti uang logam kuno, motif tua yang kini jarang dibuat.",
      "Kawung picis, small circles like old coins, an old motif rarely made today.",
      certifications=(_valid("batikmark", "BM-3504-2023-0046"),)),
    P("GK-BMT-003", "Batik Tulis Majan Pusaka Sekar Jagad", "Batik Tulis", "batik-majan",
      2_200_000, 1, f"{_BATIK_COTTON}, soga alam", "Batik tulis halus, pewarna alam",
      "Satu-satunya salinan utuh sekar jagad pusaka keluarga Bu Sri, dikerjakan tiga bulan.",
      "The only full copy of Bu Sri's family sekar jagad heirloom, three months in the making.",
      one_of_a_kind=True, export_ready=True, certifications=(_valid("batikmark", "BM-3504-2023-0047"),)),
    P("GK-BMT-004", "Batik Cap Tulungagung Truntum", "Batik Cap", "batik-majan",
      145_000, 18, "Kain katun, malam batik", "Batik cap",
      "Truntum, bunga-bunga kecil lambang cinta yang tumbuh kembali, dicap rapi untuk seragam "
      "keluarga dan acara adat.",
      "Truntum, little flowers for love that blooms again, neatly stamped for family uniforms and "
      "ceremonies."),
    P("GK-BMT-005", "Batik Cap Majan Lereng Sogan", "Batik Cap", "batik-majan",
      135_000, 25, "Kain katun, malam batik", "Batik cap",
      "Garis lereng diagonal dalam warna sogan, sederhana dan mudah dipadukan.",
      "Diagonal lereng stripes in sogan brown, simple and easy to wear."),
    # Tenun ikat Parengan, Lamongan
    P("GK-TPL-001", "Sarung Tenun Ikat Parengan Motif Wajik", "Tenun", "tenun-parengan",
      385_000, 10, "Benang katun mercerisasi", "Tenun ikat ATBM",
      "Sarung ikat dengan wajik-wajik yang berpendar karena benang sudah diikat dan dicelup sebelum "
      "ditenun. Dua minggu pengerjaan.",
      "An ikat sarong whose diamonds shimmer because the threads were tied and dyed before weaving. "
      "Two weeks of work.",
      export_ready=True),
    P("GK-TPL-002", "Sarung Tenun Ikat Sutra Parengan", "Tenun", "tenun-parengan",
      1_250_000, 2, "Benang sutra dan katun", "Tenun ikat ATBM",
      "Sarung ikat berbenang sutra dengan kilau lembut, dibuat untuk hari raya dan pernikahan.",
      "A silk ikat sarong with a soft sheen, made for Eid and weddings.",
      export_ready=True),
    P("GK-TPL-003", "Sarung Tenun Ikat Parengan Kembang Kopi", "Tenun", "tenun-parengan",
      325_000, 14, "Benang katun", "Tenun ikat ATBM",
      "Bunga kopi kecil bertebaran di atas hijau tua, motif favorit para santri.",
      "Small coffee blossoms scattered on deep green, a favourite of pesantren students."),
    P("GK-TPL-004", "Kain Tenun Ikat Parengan Bahan Kemeja", "Tenun", "tenun-parengan",
      275_000, 16, "Benang katun", "Tenun ikat ATBM",
      "Kain tenun 2 meter dengan ikat yang lebih halus, siap dijahit menjadi kemeja.",
      "Two metres of finer ikat cloth, ready to be tailored into a shirt."),
    P("GK-TPL-005", "Sarung Tenun Ikat Parengan Songket Emas", "Tenun", "tenun-parengan",
      650_000, 5, "Benang katun, benang emas sintetis", "Tenun ikat dengan sisipan songket",
      "Ikat Parengan yang disisipi benang emas, untuk pengantin dan acara besar.",
      "Parengan ikat with inlaid gold thread, for grooms and grand occasions.",
      export_ready=True),
    P("GK-TPL-006", "Selendang Tenun Ikat Parengan", "Tenun", "tenun-parengan",
      195_000, 12, "Benang katun", "Tenun ikat ATBM",
      "Selendang sempit dengan motif ikat kecil, sisa benang terbaik dari sarung.",
      "A narrow shawl in small ikat, woven from the best threads left over from the sarongs."),
    # Tenun gedog Kerek, Tuban
    P("GK-TGT-001", "Kain Tenun Gedog Kerek Ganggeng Nila", "Tenun", "tenun-gedog-kerek",
      900_000, 2, "Kapas pintal tangan, pewarna alam tom (nila)", "Pintal tangan, tenun gedog, batik tulis",
      "Dari kapas yang dipintal sendiri hingga motif ganggeng (rumput laut) yang dibatik di atasnya, "
      "kain ini melewati tangan Mbah Sutini selama dua bulan.",
      "From cotton she spun herself to the ganggeng seaweed motif batiked on it, this cloth spent two "
      "months in Mbah Sutini's hands.",
      export_ready=True),
    P("GK-TGT-002", "Kain Tenun Gedog Kijing Miring", "Tenun", "tenun-gedog-kerek",
      750_000, 1, "Kapas pintal tangan, pewarna alam mengkudu", "Pintal tangan, tenun gedog, batik tulis",
      "Kijing miring, nisan yang miring, motif tua pesisir Tuban tentang ingatan. Satu-satunya "
      "lembar dengan warna mengkudu yang sepekat ini.",
      "Kijing miring, the tilted gravestone, an old Tuban coastal motif about remembrance. The only "
      "cloth with morinda this deep.",
      one_of_a_kind=True, export_ready=True),
    P("GK-TGT-003", "Selendang Tenun Gedog Tuban", "Tenun", "tenun-gedog-kerek",
      225_000, 8, "Kapas pintal tangan", "Tenun gedog",
      "Selendang gedog polos bergaris, hangat dan bertekstur, cocok untuk udara pagi.",
      "A plain striped gedog shawl, warm and textured, good for cool mornings."),
    P("GK-TGT-004", "Taplak Meja Tenun Gedog", "Tenun", "tenun-gedog-kerek",
      185_000, 7, "Kapas pintal tangan", "Tenun gedog",
      "Taplak dari kain gedog dengan tepi rumbai, membawa tekstur desa ke meja makan.",
      "A table runner of gedog cloth with fringed ends, bringing village texture to the table."),
    P("GK-TGT-005", "Kain Tenun Gedog Lok Can Pesanan", "Tenun", "tenun-gedog-kerek",
      1_100_000, 2, "Kapas pintal tangan, pewarna alam", "Pintal tangan, tenun gedog, batik tulis",
      "Kain gedog bermotif lok can, dibuat sesuai pesanan; pemintalan saja memakan tiga minggu.",
      "A gedog cloth with the lok can motif, made to order; the spinning alone takes three weeks.",
      lead_time_days=45, export_ready=True),
    # Tenun ikat Bandar Kidul, Kediri
    P("GK-TBK-001", "Kain Tenun Ikat Bandar Kidul Pastel Sage", "Tenun", "tenun-bandar-kidul",
      385_000, 9, "Benang katun", "Tenun ikat ATBM",
      "Ikat Kediri dalam hijau sage dan jingga lembut, desain Rina untuk generasi muda.",
      "Kediri ikat in sage green and soft orange, Rina's design for a younger generation."),
    P("GK-TBK-002", "Kain Tenun Ikat Kediri Tirta Arum", "Tenun", "tenun-bandar-kidul",
      450_000, 6, "Benang katun", "Tenun ikat ATBM",
      "Motif gelombang air, penghormatan kepada Sungai Brantas yang membelah kota Kediri.",
      "A water-wave motif honouring the Brantas river that runs through Kediri.",
      export_ready=True),
    P("GK-TBK-003", "Syal Tenun Ikat Bandar Kidul", "Tenun", "tenun-bandar-kidul",
      165_000, 15, "Benang katun rayon", "Tenun ikat ATBM",
      "Syal tenun ikat yang ringan, hadiah kecil dari Kediri.",
      "A light ikat scarf, a small gift from Kediri."),
    # Kriya bambu, Trenggalek
    P("GK-KBT-001", "Lampu Gantung Bambu Anyam Petung", "Kriya Bambu", "bambu-trenggalek",
      285_000, 8, "Bambu petung, rotan", "Bilah bambu diasap, rakit pasak",
      "Lampu gantung dari bilah bambu petung yang diasapi, menebar bayangan garis di dinding.",
      "A pendant lamp of smoked petung bamboo slats that throws striped shadows on the wall.",
      export_ready=True),
    P("GK-KBT-002", "Lampu Meja Bambu Apus", "Kriya Bambu", "bambu-trenggalek",
      185_000, 10, "Bambu apus, kabel dan fiting standar SNI", "Bilah bambu, rakit pasak",
      "Lampu meja kecil dengan kap bilah bambu apus, cahaya hangat untuk meja kerja.",
      "A small table lamp with an apus bamboo slat shade, warm light for a desk.",
      certifications=(_valid("sni", "SNI-04-6292-KBT-0142"),)),
    P("GK-KBT-003", "Nampan Bambu Set Tiga", "Kriya Bambu", "bambu-trenggalek",
      125_000, 15, "Bambu apus, pelapis food grade", "Bilah bambu, rakit pasak",
      "Tiga nampan bertumpuk dengan pelapis aman makanan, untuk jajan pasar dan kopi sore.",
      "Three nesting trays with a food-safe finish, for market snacks and afternoon coffee."),
    P("GK-KBT-004", "Tempat Tisu Bambu", "Kriya Bambu", "bambu-trenggalek",
      45_000, 30, "Bambu apus", "Bilah bambu",
      "Tempat tisu sederhana dari bambu, oleh-oleh ringan dari Trenggalek.",
      "A simple bamboo tissue box, a light souvenir from Trenggalek."),
    P("GK-KBT-005", "Kursi Santai Bambu Petung", "Kriya Bambu", "bambu-trenggalek",
      1_650_000, 2, "Bambu petung diawetkan, rotan", "Konstruksi pasak bambu tanpa paku",
      "Kursi santai tanpa satu pun paku logam, dirakit dengan pasak dan ikatan rotan. Dibuat setelah "
      "dipesan.",
      "A lounge chair without a single metal nail, joined with pegs and rattan. Made after you order.",
      lead_time_days=21, curation_state="submitted"),
    P("GK-KBT-006", "Tabung Bambu Wadah Sumpit dan Alat Makan", "Kriya Bambu", "bambu-trenggalek",
      55_000, 25, "Bambu apus", "Ruas bambu utuh, diampelas",
      "Satu ruas bambu utuh yang diampelas halus, wadah sumpit dan sendok di dapur.",
      "A whole bamboo section sanded smooth, a holder for chopsticks and spoons."),
    # Anyaman, Gintangan Banyuwangi
    P("GK-AGB-001", "Keranjang Anyaman Bambu Gintangan", "Anyaman", "anyaman-gintangan",
      95_000, 20, "Bambu iratan", "Anyaman tangan",
      "Keranjang serbaguna dengan pola anyaman kepang, kuat untuk belanja ke pasar.",
      "An all-purpose basket in a braided weave, strong enough for the market."),
    P("GK-AGB-002", "Tas Anyaman Bambu Osing", "Anyaman", "anyaman-gintangan",
      165_000, 12, "Bambu iratan, kain katun batik", "Anyaman tangan, lapisan kain",
      "Tas jinjing anyaman bambu berlapis kain batik Gajah Oling di dalamnya.",
      "A bamboo-woven tote lined inside with Gajah Oling batik cloth.",
      export_ready=True),
    P("GK-AGB-003", "Kap Lampu Anyaman Bambu Bulat", "Anyaman", "anyaman-gintangan",
      175_000, 9, "Bambu iratan", "Anyaman tangan",
      "Kap lampu bulat dengan anyaman renggang yang membiarkan cahaya menembus seperti daun.",
      "A round lampshade with an open weave that lets light through like leaves.",
      export_ready=True),
    P("GK-AGB-004", "Tudung Saji Anyaman Warna", "Anyaman", "anyaman-gintangan",
      85_000, 14, "Bambu iratan berwarna", "Anyaman tangan",
      "Tudung saji dengan iratan berwarna merah dan hijau, penutup hidangan di meja keluarga.",
      "A food cover woven with red and green strips, for the family table."),
    P("GK-AGB-005", "Tikar Anyaman Pandan Lipat", "Anyaman", "anyaman-gintangan",
      135_000, 10, "Daun pandan duri", "Anyaman tangan",
      "Tikar pandan yang bisa dilipat, dingin untuk duduk lesehan.",
      "A foldable pandanus mat, cool to sit on."),
    # Bordir Kedensari, Sidoarjo
    P("GK-BKS-001", "Mukena Bordir Kerancang Kedensari", "Bordir", "bordir-kedensari",
      650_000, 6, "Katun rayon, benang bordir", "Bordir manual kerancang",
      "Mukena putih dengan kerancang bunga melati di sepanjang tepinya, dibordir tangan dengan "
      "mesin injak.",
      "A white prayer robe with jasmine cutwork along its edges, hand-guided on a treadle machine.",
      export_ready=True),
    P("GK-BKS-002", "Kebaya Bordir Sidoarjo Biru Laut", "Bordir", "bordir-kedensari",
      850_000, 3, "Katun paris, benang bordir", "Bordir manual",
      "Kebaya kutubaru dengan bordir bunga di bagian depan; ukuran bisa disesuaikan.",
      "A kutubaru kebaya with floral embroidery on the front; the size can be fitted.",
      lead_time_days=14),
    P("GK-BKS-003", "Taplak Meja Bordir Kerancang", "Bordir", "bordir-kedensari",
      175_000, 10, "Katun, benang bordir", "Bordir manual kerancang",
      "Taplak meja persegi dengan kerancang di keempat sudutnya.",
      "A square tablecloth with cutwork in all four corners."),
    P("GK-BKS-004", "Kerudung Bordir Kedensari", "Bordir", "bordir-kedensari",
      125_000, 18, "Voal, benang bordir", "Bordir manual",
      "Kerudung voal ringan dengan bordir sulur di tepi depan.",
      "A light voile headscarf with embroidered tendrils at the front edge."),
    P("GK-BKS-005", "Sarung Bantal Bordir Set Dua", "Bordir", "bordir-kedensari",
      95_000, 20, "Katun, benang bordir", "Bordir manual",
      "Dua sarung bantal kursi dengan bordir bunga kenanga.",
      "Two cushion covers embroidered with ylang-ylang flowers."),
    P("GK-BKS-006", "Mukena Bordir Kerancang Premium Sutra", "Bordir", "bordir-kedensari",
      1_350_000, 1, "Sutra, benang bordir", "Bordir manual kerancang",
      "Mukena sutra dengan kerancang penuh, dikerjakan Bu Lilik sendiri selama enam minggu.",
      "A silk prayer robe with full cutwork, six weeks of Bu Lilik's own work.",
      one_of_a_kind=True, export_ready=True),
    # Keramik Dinoyo, Malang
    P("GK-KDM-001", "Vas Keramik Dinoyo Glasir Biru", "Gerabah & Keramik", "keramik-dinoyo",
      275_000, 6, "Tanah liat stoneware, glasir", "Putar tangan, bakar 1.200\u00b0C",
      "Vas ramping dengan glasir biru yang meleleh tak beraturan di bahunya.",
      "A slender vase whose blue glaze runs unevenly over its shoulder.",
      export_ready=True),
    P("GK-KDM-002", "Mug Keramik Dinoyo", "Gerabah & Keramik", "keramik-dinoyo",
      65_000, 30, "Tanah liat stoneware, glasir aman makanan", "Putar tangan",
      "Mug tebal untuk kopi Dampit, dengan pegangan yang dibentuk dengan jari.",
      "A thick mug for Dampit coffee, its handle shaped by finger.",
      certifications=(_valid("sni", "SNI-7275-KDM-0318"),)),
    P("GK-KDM-003", "Set Cangkir Teh Keramik Dinoyo", "Gerabah & Keramik", "keramik-dinoyo",
      295_000, 8, "Tanah liat stoneware, glasir", "Putar tangan",
      "Teko kecil dan empat cangkir dengan glasir abu, untuk teh sore.",
      "A small teapot and four cups in ash glaze, for afternoon tea."),
    P("GK-KDM-004", "Guci Keramik Dinoyo Lukis Tangan", "Gerabah & Keramik", "keramik-dinoyo",
      1_250_000, 1, "Tanah liat stoneware, glasir, lukis tangan", "Putar tangan, lukis tangan",
      "Guci besar dengan lukisan bunga tebu, tanaman yang dulu memenuhi dataran Malang. Hanya satu.",
      "A large jar painted with sugar-cane flowers, once the crop of the Malang plain. Only one.",
      one_of_a_kind=True, export_ready=True),
    P("GK-KDM-005", "Piring Saji Keramik Motif Apel", "Gerabah & Keramik", "keramik-dinoyo",
      145_000, 4, "Tanah liat stoneware, glasir", "Putar tangan",
      "Piring saji dengan lukisan apel Batu, menunggu persetujuan kurator.",
      "A serving plate painted with Batu apples, waiting for the curators' approval.",
      curation_state="submitted"),
    # Terakota Trowulan, Mojokerto
    P("GK-TTM-001", "Celengan Babi Terakota Majapahit", "Gerabah & Keramik", "terakota-trowulan",
      75_000, 20, "Tanah liat Trowulan", "Bentuk tangan, bakar jerami",
      "Replika celengan babi Majapahit, simbol menabung sejak abad ke-14.",
      "A replica of the Majapahit piggy bank, a symbol of saving since the 14th century."),
    P("GK-TTM-002", "Arca Replika Terakota Dewi Parwati", "Gerabah & Keramik", "terakota-trowulan",
      1_500_000, 1, "Tanah liat Trowulan", "Pahat dan bentuk tangan, bakar jerami",
      "Replika arca setinggi 60 cm, dipahat Pak Slamet selama satu bulan. Satu-satunya.",
      "A 60 cm statue replica that Pak Slamet carved for a month. The only one.",
      one_of_a_kind=True, export_ready=True),
    P("GK-TTM-003", "Vas Terakota Trowulan", "Gerabah & Keramik", "terakota-trowulan",
      120_000, 10, "Tanah liat Trowulan", "Putar tangan, bakar jerami",
      "Vas merah bata tanpa glasir, dengan jejak jerami dari pembakaran.",
      "An unglazed brick-red vase marked by the straw of its firing."),
    P("GK-TTM-004", "Lampu Dinding Terakota Surya Majapahit", "Gerabah & Keramik", "terakota-trowulan",
      195_000, 5, "Tanah liat Trowulan", "Cetak dan ukir tangan",
      "Lampu dinding berlubang motif Surya Majapahit, cahaya membentuk matahari bersudut delapan.",
      "A pierced wall lamp in the Surya Majapahit motif: its light draws an eight-pointed sun."),
    # Kuliner: keripik tempe Sanan, Malang
    P("GK-KTS-001", "Keripik Tempe Sanan Original 250 g", "Kuliner", "keripik-tempe-sanan",
      35_000, 60, "Kedelai, tepung beras, bawang putih, ketumbar, minyak kelapa sawit", "Digoreng dua kali",
      "Keripik tempe setipis kertas dengan bumbu ketumbar dan bawang putih, resep Bu Har sejak 1990.",
      "Paper-thin tempe chips seasoned with coriander and garlic, Bu Har's recipe since 1990.",
      certifications=(_soon("halal", "ID35110000123450821"), _valid("pirt", "2063573010231-27"))),
    P("GK-KTS-002", "Keripik Tempe Sanan Balado 250 g", "Kuliner", "keripik-tempe-sanan",
      38_000, 45, "Kedelai, tepung beras, cabai, gula", "Digoreng dua kali",
      "Keripik tempe berbalut bumbu balado manis pedas.",
      "Tempe chips coated in sweet-hot balado seasoning.",
      certifications=(_valid("halal", "ID35110000123450822"), _valid("pirt", "2063573010231-27"))),
    P("GK-KTS-003", "Keripik Tempe Sanan Rasa Jagung Bakar 250 g", "Kuliner", "keripik-tempe-sanan",
      38_000, 40, "Kedelai, tepung beras, bumbu jagung bakar", "Digoreng dua kali",
      "Rasa jagung bakar, kesukaan anak-anak di Kampung Sanan.",
      "Grilled-corn flavour, the children's favourite in Kampung Sanan.",
      certifications=(_valid("halal", "ID35110000123450823"), _valid("pirt", "2063573010231-27"))),
    P("GK-KTS-004", "Paket Oleh-oleh Keripik Tempe Sanan (4 Rasa)", "Kuliner", "keripik-tempe-sanan",
      125_000, 25, "Kedelai, tepung beras, bumbu", "Digoreng dua kali",
      "Empat bungkus rasa berbeda dalam kotak anyaman kecil, oleh-oleh khas Malang.",
      "Four flavours in a small woven box, the classic gift from Malang.",
      certifications=(_valid("halal", "ID35110000123450824"), _valid("pirt", "2063573010231-27"))),
    # Kuliner: Sidoarjo
    P("GK-DPS-001", "Kerupuk Udang Sidoarjo 500 g", "Kuliner", "dapur-pesisir-sidoarjo",
      55_000, 50, "Udang vaname, tepung tapioka, bawang putih", "Kukus, iris, jemur matahari",
      "Kerupuk mentah dengan kadar udang tinggi dari tambak Sedati; goreng sendiri di rumah.",
      "Raw crackers rich in shrimp from the Sedati ponds; fry them yourself at home.",
      certifications=(_valid("halal", "ID35150000456780311"), _valid("pirt", "2093515010112-26"),
                      _valid("sni", "SNI-2713-2009-DPS-0411"))),
    P("GK-DPS-002", "Bandeng Presto Duri Lunak (isi 3)", "Kuliner", "dapur-pesisir-sidoarjo",
      75_000, 20, "Bandeng tambak, bumbu kunyit dan bawang", "Presto 6 jam, beku",
      "Bandeng yang dimasak bertekanan enam jam sampai durinya lunak; dikirim beku.",
      "Milkfish pressure-cooked for six hours until its bones are soft; shipped frozen.",
      certifications=(_soon("halal", "ID35150000456780312"), _valid("pirt", "2093515010113-26"))),
    P("GK-DPS-003", "Bandeng Asap Sidoarjo", "Kuliner", "dapur-pesisir-sidoarjo",
      85_000, 15, "Bandeng tambak", "Asap kayu",
      "Bandeng diasap perlahan dengan kayu, gurih untuk lauk atau sambal.",
      "Milkfish slowly smoked over wood, rich as a side dish or in sambal.",
      certifications=(_valid("halal", "ID35150000456780313"), _valid("pirt", "2093515010114-26"))),
    P("GK-DPS-004", "Petis Udang Sidoarjo 250 g", "Kuliner", "dapur-pesisir-sidoarjo",
      45_000, 30, "Kaldu udang, gula merah", "Masak perlahan",
      "Petis hitam kental, kunci rujak cingur dan tahu tek.",
      "Thick black shrimp petis, the key to rujak cingur and tahu tek.",
      certifications=(_valid("halal", "ID35150000456780314"), _valid("pirt", "2093515010115-26"))),
    P("GK-DPS-005", "Otak-otak Bandeng (isi 2)", "Kuliner", "dapur-pesisir-sidoarjo",
      70_000, 12, "Bandeng, telur, santan, bumbu", "Isi ulang kulit bandeng, kukus, beku",
      "Daging bandeng dibumbui dan dimasukkan kembali ke kulitnya, lalu dikukus.",
      "Seasoned milkfish meat stuffed back into its skin and steamed.",
      certifications=(_valid("halal", "ID35150000456780315"), _valid("pirt", "2093515010116-26"))),
    # Kuliner: sambal, Surabaya
    P("GK-SAS-001", "Sambal Bawang Suroboyo 200 g", "Kuliner", "sambal-suroboyo",
      35_000, 60, "Cabai rawit, bawang putih, minyak, garam", "Ulek kasar, goreng",
      "Sambal bawang ala penyetan Surabaya: pedas, harum bawang putih goreng, tanpa pengawet.",
      "Surabaya penyetan-style garlic sambal: hot, fragrant with fried garlic, no preservatives.",
      certifications=(_valid("halal", "ID35780000987650101"), _soon("pirt", "2063578010512-25"))),
    P("GK-SAS-002", "Sambal Bajak Suroboyo 200 g", "Kuliner", "sambal-suroboyo",
      38_000, 40, "Cabai merah, tomat, terasi, gula merah", "Masak perlahan",
      "Sambal bajak yang dimasak lama hingga manis, legit dan tahan lama.",
      "Sambal bajak slow-cooked until sweet, rich and long-keeping.",
      certifications=(_valid("halal", "ID35780000987650102"), _valid("pirt", "2063578010513-27"))),
    P("GK-SAS-003", "Sambal Cumi Asin 200 g", "Kuliner", "sambal-suroboyo",
      55_000, 30, "Cumi asin, cabai rawit, bawang", "Ulek kasar, goreng",
      "Potongan cumi asin dalam sambal bawang, lauk yang cukup dengan nasi hangat.",
      "Salted squid in garlic sambal, a meal with warm rice.",
      certifications=(_valid("halal", "ID35780000987650103"), _valid("pirt", "2063578010514-27"))),
    P("GK-SAS-004", "Sambal Teri Pedas 200 g", "Kuliner", "sambal-suroboyo",
      45_000, 35, "Ikan teri, cabai rawit, bawang", "Goreng",
      "Teri renyah dalam sambal merah, untuk bekal dan anak kos.",
      "Crisp anchovies in red sambal, for lunch boxes and students far from home.",
      certifications=(_valid("halal", "ID35780000987650104"), _valid("pirt", "2063578010515-27"))),
    P("GK-SAS-005", "Sambal Ijo Pete 200 g", "Kuliner", "sambal-suroboyo",
      48_000, 20, "Cabai hijau, pete, bawang", "Ulek kasar, goreng",
      "Sambal hijau dengan pete. Ditolak kurasi: sertifikat PIRT sudah kedaluwarsa.",
      "Green sambal with stink beans. Rejected at curation: its PIRT certificate has expired.",
      curation_state="rejected",
      certifications=(_valid("halal", "ID35780000987650105"), CertSeed("pirt", "2063578010409-24", -20))),
)

# --- English for the single-language seed fields ---------------------------
# Materials and techniques are written once, in Indonesian, in the seeds above;
# English pages read these (``Product.materials_en`` / ``technique_en``). Every
# seed's text must have an entry (checked by tests/integration/test_demo_catalogue.py).

MATERIALS_EN: dict[str, str] = {
    "Bambu apus": "Apus bamboo",
    "Bambu apus, kabel dan fiting standar SNI": "Apus bamboo, SNI-standard cable and lamp holder",
    "Bambu apus, pelapis food grade": "Apus bamboo, food-grade finish",
    "Bambu iratan": "Split bamboo strips",
    "Bambu iratan berwarna": "Dyed split bamboo strips",
    "Bambu iratan, kain katun batik": "Split bamboo strips, batik cotton lining",
    "Bambu petung diawetkan, rotan": "Preserved petung bamboo, rattan",
    "Bambu petung, rotan": "Petung bamboo, rattan",
    "Bandeng tambak": "Pond-farmed milkfish",
    "Bandeng tambak, bumbu kunyit dan bawang": "Pond-farmed milkfish, turmeric and shallot spices",
    "Bandeng, telur, santan, bumbu": "Milkfish, egg, coconut milk, spices",
    "Benang katun": "Cotton yarn",
    "Benang katun mercerisasi": "Mercerised cotton yarn",
    "Benang katun rayon": "Cotton-rayon yarn",
    "Benang katun, benang emas sintetis": "Cotton yarn, synthetic gold thread",
    "Benang sutra dan katun": "Silk and cotton yarn",
    "Cabai hijau, pete, bawang": "Green chilli, stink beans, shallots",
    "Cabai merah, tomat, terasi, gula merah": "Red chilli, tomato, shrimp paste, palm sugar",
    "Cabai rawit, bawang putih, minyak, garam": "Bird's-eye chilli, garlic, oil, salt",
    "Cumi asin, cabai rawit, bawang": "Salted squid, bird's-eye chilli, shallots",
    "Daun pandan duri": "Thorny pandan leaves",
    "Ikan teri, cabai rawit, bawang": "Anchovies, bird's-eye chilli, shallots",
    "Kain katun halus, malam batik": "Fine cotton cloth, batik wax",
    "Kain katun primisima, malam (lilin) batik": "Primissima cotton cloth, batik wax",
    "Kain katun primisima, malam (lilin) batik, pewarna alam mengkudu dan tarum":
        "Primissima cotton cloth, batik wax, natural morinda and indigo dyes",
    "Kain katun primisima, malam (lilin) batik, pewarna alam tarum":
        "Primissima cotton cloth, batik wax, natural indigo dye",
    "Kain katun primisima, malam (lilin) batik, soga alam": "Primissima cotton cloth, batik wax, natural soga brown",
    "Kain katun, malam batik": "Cotton cloth, batik wax",
    "Kaldu udang, gula merah": "Shrimp stock, palm sugar",
    "Kapas pintal tangan": "Hand-spun cotton",
    "Kapas pintal tangan, pewarna alam": "Hand-spun cotton, natural dyes",
    "Kapas pintal tangan, pewarna alam mengkudu": "Hand-spun cotton, natural morinda dye",
    "Kapas pintal tangan, pewarna alam tom (nila)": "Hand-spun cotton, natural tom indigo dye",
    "Katun paris, benang bordir": "Paris cotton, embroidery thread",
    "Katun rayon, benang bordir": "Cotton rayon, embroidery thread",
    "Katun, benang bordir": "Cotton, embroidery thread",
    "Kedelai, tepung beras, bawang putih, ketumbar, minyak kelapa sawit":
        "Soybeans, rice flour, garlic, coriander, palm oil",
    "Kedelai, tepung beras, bumbu": "Soybeans, rice flour, spices",
    "Kedelai, tepung beras, bumbu jagung bakar": "Soybeans, rice flour, grilled-corn seasoning",
    "Kedelai, tepung beras, cabai, gula": "Soybeans, rice flour, chilli, sugar",
    "Sutra, benang bordir": "Silk, embroidery thread",
    "Tanah liat Trowulan": "Trowulan clay",
    "Tanah liat stoneware, glasir": "Stoneware clay, glaze",
    "Tanah liat stoneware, glasir aman makanan": "Stoneware clay, food-safe glaze",
    "Tanah liat stoneware, glasir, lukis tangan": "Stoneware clay, glaze, hand painting",
    "Udang vaname, tepung tapioka, bawang putih": "Whiteleg shrimp, tapioca flour, garlic",
    "Voal, benang bordir": "Voile, embroidery thread",
}

TECHNIQUE_EN: dict[str, str] = {
    "Anyaman tangan": "Hand-woven",
    "Anyaman tangan, lapisan kain": "Hand-woven, cloth-lined",
    "Asap kayu": "Wood-smoked",
    "Batik cap": "Stamped batik",
    "Batik cap dengan isian tulis": "Stamped batik with hand-drawn fillings",
    "Batik cap tembaga": "Copper-stamped batik",
    "Batik tulis": "Hand-drawn batik",
    "Batik tulis halus, isen-isen rapat": "Fine hand-drawn batik, dense fillings",
    "Batik tulis halus, pewarna alam": "Fine hand-drawn batik, natural dyes",
    "Batik tulis, pewarna sintetis naphtol": "Hand-drawn batik, synthetic naphthol dyes",
    "Batik tulis, pewarna soga alam": "Hand-drawn batik, natural soga dye",
    "Batik tulis, pewarnaan gentongan 3 bulan": "Hand-drawn batik, three months of gentongan jar dyeing",
    "Batik tulis, pewarnaan gentongan 4 bulan": "Hand-drawn batik, four months of gentongan jar dyeing",
    "Batik tulis, pewarnaan gentongan 6 bulan": "Hand-drawn batik, six months of gentongan jar dyeing",
    "Bentuk tangan, bakar jerami": "Hand-shaped, straw-fired",
    "Bilah bambu": "Bamboo slats",
    "Bilah bambu diasap, rakit pasak": "Smoked bamboo slats, pegged joints",
    "Bilah bambu, rakit pasak": "Bamboo slats, pegged joints",
    "Bordir manual": "Hand-guided embroidery",
    "Bordir manual kerancang": "Hand-guided kerancang cutwork embroidery",
    "Cetak dan ukir tangan": "Moulded and hand-carved",
    "Digoreng dua kali": "Fried twice",
    "Goreng": "Fried",
    "Isi ulang kulit bandeng, kukus, beku": "Milkfish skin refilled, steamed, frozen",
    "Konstruksi pasak bambu tanpa paku": "Bamboo-pegged, without nails",
    "Kukus, iris, jemur matahari": "Steamed, sliced, sun-dried",
    "Masak perlahan": "Slow-cooked",
    "Pahat dan bentuk tangan, bakar jerami": "Carved and hand-shaped, straw-fired",
    "Pintal tangan, tenun gedog, batik tulis": "Hand-spun, gedog-woven, hand-drawn batik",
    "Presto 6 jam, beku": "Pressure-cooked for 6 hours, frozen",
    "Putar tangan": "Wheel-thrown",
    "Putar tangan, bakar 1.200°C": "Wheel-thrown, fired at 1,200 °C",
    "Putar tangan, bakar jerami": "Wheel-thrown, straw-fired",
    "Putar tangan, lukis tangan": "Wheel-thrown, hand-painted",
    "Ruas bambu utuh, diampelas": "Whole bamboo section, sanded",
    "Tenun gedog": "Gedog back-strap weaving",
    "Tenun ikat ATBM": "Ikat woven on a hand loom",
    "Tenun ikat dengan sisipan songket": "Ikat weaving with songket inlay",
    "Ulek kasar, goreng": "Coarsely pounded, fried",
}

#: English names and descriptions of the craft categories, by Indonesian name.
CATEGORIES_EN: dict[str, tuple[str, str]] = {
    "Batik Tulis": ("Hand-drawn Batik", "Batik whose every motif is drawn with the canting, one cloth at a time."),
    "Batik Cap": ("Stamped Batik", "Batik stamped with copper blocks, then dyed and dewaxed by hand."),
    "Tenun": ("Handwoven Cloth", "Ikat and gedog cloth from hand looms."),
    "Kriya Bambu": ("Bamboo Craft", "Lamps, trays and furniture of preserved bamboo, joined by hand."),
    "Bordir": ("Embroidery", "Embroidery and kerancang cutwork from Sidoarjo's embroidery village."),
    "Anyaman": ("Weaving", "Baskets, bags and lampshades woven from bamboo and pandan."),
    "Gerabah & Keramik": (
        "Pottery & Ceramics",
        "Dinoyo ceramics and Trowulan terracotta, shaped and fired by their makers.",
    ),
    "Kuliner": ("Food", "East Java's food specialities from certified small kitchens."),
}


# --- order history ------------------------------------------------------------
# A month of storefront orders from the demo buyer, so the artisans' overviews
# show real numbers and a chart on a fresh demo. Only pieces with stock to
# spare (no one-of-a-kind piece is sold). ``status`` is the order's (and its
# lines') status; stock follows it as the order pipeline would have moved it:
# Baru/Diproses hold an allocation, Dikirim/Selesai consumed it, Dibatalkan
# released it.


@dataclass(frozen=True)
class DemoOrderSeed:
    number: str  # stable key; the storefront's own numbers are plain digits
    days_ago: int
    hour: int
    status: str
    lines: tuple[tuple[str, int], ...]  # (UPC, quantity)


#: Flat courier fee per artisan's parcel on the seeded orders (JNE REG inside Java).
DEMO_ORDER_PARCEL_FEE = 18_000

DEMO_ORDERS: tuple[DemoOrderSeed, ...] = (
    DemoOrderSeed("GK-DEMO-001", 27, 10, statuses.COMPLETED, (("GK-BTB-003", 1),)),
    DemoOrderSeed("GK-DEMO-002", 23, 19, statuses.COMPLETED, (("GK-TPL-001", 2), ("GK-TPL-006", 1))),
    DemoOrderSeed("GK-DEMO-003", 18, 14, statuses.COMPLETED, (("GK-KDM-002", 2), ("GK-KBT-004", 1))),
    DemoOrderSeed("GK-DEMO-004", 12, 9, statuses.CANCELLED, (("GK-BTB-003", 1),)),
    DemoOrderSeed("GK-DEMO-005", 9, 20, statuses.SHIPPED, (("GK-BTB-004", 1), ("GK-KTS-001", 3))),
    DemoOrderSeed("GK-DEMO-006", 5, 11, statuses.PROCESSING, (("GK-TPL-003", 1),)),
    # One basket, two artisans: Siti sees only her Rp 450.000, Fauzi only his Rp 385.000.
    DemoOrderSeed("GK-DEMO-007", 2, 16, statuses.NEW, (("GK-BTB-004", 1), ("GK-TPL-001", 1))),
    DemoOrderSeed("GK-DEMO-008", 1, 8, statuses.NEW, (("GK-SAS-001", 2), ("GK-AGB-001", 1))),
)
