// netcore/src/errors.cpp's explanations in Korean, for the inspector in a Korean UI. netcore
// keeps only the English (it has no UI); the codes here must cover every code netcore explains
// (tests/gui/i18n_test.cpp checks it). 합쇼체, the lecture's words (펜딩, 시그널, 결과 확인).
#include <cstddef>
#include <vector>

#include "netcore/errors.hpp"
#include "views/i18n.hpp"

namespace iolab::views {
namespace {

struct KoHelp {
  int32_t code;
  const char* ko;
};

// Codes with the same meaning on both backends (netcore's shared table and the lab's own).
constexpr KoHelp kShared[] = {
    {997, "에러가 아닙니다: 작업이 큐에 들어갔고 나중에 완료됩니다"},
    {996, "작업이 아직 완료되지 않았습니다"},
    {995, "취소되었습니다: 소켓이 닫혔거나 CancelIoEx가 호출되었습니다"},
    {258, "WSAWaitForMultipleEvents의 타임아웃이 지났고 시그널된 이벤트가 없습니다"},
    {87, "WSAWaitForMultipleEvents에 WSA_MAXIMUM_WAIT_EVENTS (64)개보다 많은 핸들을 넘겼습니다"},
    {netcore::kLabRefused,
     "실습 프로그램: 호출하기 전에 거절했습니다. 실습의 세션이 아니거나 버퍼가 16 MiB보다 큽니다"},
    {netcore::kLabNotRun,
     "실습 프로그램: 이 요청을 실행하기 전에 엔진이 멈춰서 WSARecv/WSASend를 호출하지 않았습니다"},
    {netcore::kLabGaveUpWaiting,
     "실습 프로그램: 기다리기를 포기했습니다. 소켓을 닫은 뒤에도 펜딩 상태였고 실습의 대기 시간이 "
     "끝났습니다"},
};

constexpr KoHelp kWinsock[] = {
    {6, "이벤트 핸들이 유효하지 않습니다"},
    {64, "작업이 펜딩인 동안 연결이 리셋되었거나 끊겼습니다"},
    {676, "작업이 펜딩인 채로 소켓이 닫혔습니다 (Wine의 코드)"},
    {1168, "CancelIoEx: 그런 펜딩 작업이 없습니다"},
    {1236, "이쪽에서 연결을 끊었습니다"},
    {10004, "블로킹 호출이 중단되었습니다"},
    {10013, "권한이 없습니다"},
    {10014, "버퍼 주소가 유효하지 않습니다"},
    {10022, "인자가 유효하지 않습니다"},
    {10035, "논블로킹 소켓: 호출이 기다려야 하므로 다시 시도하세요"},
    {10038, "소켓이 아닙니다 (이미 닫혔나요?)"},
    {10040, "메시지가 버퍼보다 큽니다"},
    {10048, "주소/포트를 이미 쓰고 있습니다"},
    {10049, "이 컴퓨터에서 쓸 수 없는 주소입니다"},
    {10050, "네트워크가 내려가 있습니다"},
    {10053, "연결이 끊겼습니다"},
    {10054, "상대가 연결을 리셋했습니다"},
    {10057, "소켓이 연결되어 있지 않습니다"},
    {10058, "소켓이 shutdown 되었습니다"},
    {10060, "연결 시간이 초과되었습니다"},
    {10061, "그 포트에서 기다리는 프로그램이 없습니다"},
    {10065, "호스트에 닿을 수 없습니다"},
    {11001, "호스트 이름을 알 수 없습니다"},
    {11002, "네임 서버가 제때 답하지 않았습니다. 다시 시도하세요"},
    {11003, "네임 서버가 실패했습니다"},
    {11004, "호스트 이름에 IPv4 주소가 없습니다"},
};

constexpr KoHelp kLinux[] = {
    // getaddrinfo's EAI_* as the io_uring backend reports them: 10000 - EAI_*.
    {10002, "호스트 이름을 알 수 없습니다 (WSAHOST_NOT_FOUND)"},
    {10003, "네임 서버가 제때 답하지 않았습니다. 다시 시도하세요 (WSATRY_AGAIN)"},
    {10004, "네임 서버가 실패했습니다 (WSANO_RECOVERY)"},
    {10005, "호스트 이름에 주소가 없습니다 (WSANO_DATA)"},
    {10009, "호스트 이름에 IPv4 주소가 없습니다 (WSANO_DATA)"},
    {2, "그런 작업이나 파일이 없습니다"},
    {4, "호출이 중단되었습니다"},
    {9, "디스크립터가 유효하지 않습니다 (이미 닫혔나요?)"},
    {11, "논블로킹 소켓: 호출이 기다려야 하므로 다시 시도하세요 (WSAEWOULDBLOCK)"},
    {12, "메모리가 부족합니다"},
    {13, "권한이 없습니다"},
    {14, "버퍼 주소가 유효하지 않습니다"},
    {22, "인자가 유효하지 않습니다"},
    {32, "송신 쪽 연결이 닫혔습니다"},
    {88, "소켓이 아닙니다"},
    {90, "메시지가 버퍼보다 큽니다"},
    {98, "주소/포트를 이미 쓰고 있습니다 (WSAEADDRINUSE)"},
    {99, "이 컴퓨터에서 쓸 수 없는 주소입니다"},
    {103, "연결이 끊겼습니다 (WSAECONNABORTED)"},
    {104, "상대가 연결을 리셋했습니다 (WSAECONNRESET)"},
    {107, "소켓이 연결되어 있지 않습니다 (WSAENOTCONN)"},
    {108, "소켓이 shutdown 되었습니다"},
    {110, "연결 시간이 초과되었습니다"},
    {111, "그 포트에서 기다리는 프로그램이 없습니다 (WSAECONNREFUSED)"},
    {113, "호스트에 닿을 수 없습니다"},
    {114, "작업이 이미 진행 중입니다"},
    {125, "취소되었습니다: io_uring의 중단 코드로, WSA_OPERATION_ABORTED (995)에 해당합니다"},
};

template <std::size_t N>
const char* find(const KoHelp (&table)[N], int32_t code) {
  for (const KoHelp& e : table)
    if (e.code == code) return e.ko;
  return nullptr;
}

}  // namespace

const char* error_help_ko(netcore::Backend backend, int32_t code) {
  if (const char* ko = find(kShared, code)) return ko;
  const char* ko = backend == netcore::Backend::winsock ? find(kWinsock, code) : find(kLinux, code);
  return ko ? ko : "";
}

std::vector<const char*> korean_error_helps() {
  std::vector<const char*> out;
  for (const KoHelp& e : kShared) out.push_back(e.ko);
  for (const KoHelp& e : kWinsock) out.push_back(e.ko);
  for (const KoHelp& e : kLinux) out.push_back(e.ko);
  return out;
}

const char* error_help_text(netcore::Backend backend, int32_t code) {
  if (language() == Lang::ko && *error_help_ko(backend, code)) return error_help_ko(backend, code);
  return netcore::error_help(backend, code);
}

}  // namespace iolab::views
